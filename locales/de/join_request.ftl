join-request-subject = { $program }: { $name } möchte als { $role ->
    [mentor] Mentor
   *[other] Mentee
} teilnehmen
join-request-hello = Hallo,
join-request-asks = hat JOIN an { $program } geschrieben und möchte teilnehmen. Die Angaben:
join-request-role = Rolle
join-request-as = { $role ->
    [mentor] Mentor
   *[other] Mentee
}
join-request-department = Abteilung
join-request-level = Ebene
join-request-teaches = Bringt bei
join-request-learns = Möchte lernen
join-request-languages = Sprachen
join-request-timezone = Zeitzone
join-request-hours = Arbeitszeiten
join-request-not-given = (keine Angabe)
join-request-nothing-given = (keine Angabe)
join-request-approve-before = Um die Person aufzunehmen, antworten Sie auf diese E-Mail mit
join-request-approve-after = allein in der ersten Zeile. Sie bekommt dann eine freie Person als Partner und erfährt, wann es losgeht.
join-request-decline-before = Um abzulehnen, antworten Sie mit
join-request-decline-after = in der ersten Zeile. Was Sie in dieser Zeile nach DECLINE schreiben (DECLINE Das Programm ist in diesem Halbjahr voll), geben wir weiter; ohne Begründung erhält die Person eine freundliche Absage.
join-request-only-before = Es zählt nur eine Antwort von { $coordinator } auf diese E-Mail. Die Teilnehmerdatei bleibt unverändert:
join-request-only-after = erstellt die Liste mit allen, die Sie aufgenommen haben, zum Zurückkopieren in die Datei.
