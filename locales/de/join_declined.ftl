join-declined-subject = { $program }: zu Ihrer Anfrage auf Teilnahme
join-declined-thanks = Danke für Ihr Interesse an { $program } und dafür, dass Sie sich die Zeit für das Formular genommen haben. Dieses Mal können wir Sie leider nicht in das Programm aufnehmen.
join-declined-reason = Die Worte der Koordination: { $reason }
join-declined-talk = Das sagt nichts über Sie aus. Wenn Sie darüber sprechen oder ein anderes Mal berücksichtigt werden möchten, schreiben Sie an
join-declined-talk-end = .
