confirmation-subject-meeting = Festgehalten: Ihr Treffen mit { $first }
confirmation-subject-update = Festgehalten: Ihre Rückmeldung zu { $first }
confirmation-thanks = Vielen Dank.
confirmation-correction = Wir haben Ihre Nachricht als Korrektur Ihres früheren Berichts verstanden und nur geändert, was Sie geschrieben haben. Der Bericht lautet jetzt:
confirmation-retraction = Wir haben Ihre Nachricht so verstanden, dass Sie sich doch nicht getroffen haben: Das Treffen ist jetzt als nicht stattgefunden markiert (es bleibt im Protokoll, zählt aber nicht in den Zahlen).
confirmation-logged = Das haben wir festgehalten:
confirmation-met-yes = Getroffen: ja
confirmation-met-not-yet = Getroffen: noch nicht
confirmation-date = Datum: { $value }
confirmation-minutes = Minuten: { $value }
confirmation-topics = Themen: { $value }
confirmation-rating = Bewertung: { $value }
confirmation-not-given = nicht angegeben
confirmation-wrong = Falls etwas nicht stimmt, antworten Sie auf diese E-Mail mit der Korrektur.
confirmation-unclear = Aus Ihrer Nachricht ging { $what } nicht klar hervor: Bitte antworten Sie uns { $count ->
    [one] damit
   *[other] mit diesen Angaben
}.
confirmation-unclear-met = ob Sie sich getroffen haben
confirmation-unclear-date = das Datum
confirmation-unclear-minutes = wie lange Sie sich getroffen haben
confirmation-unclear-rating = Ihre Bewertung
confirmation-or = oder
confirmation-also-asked = Sie haben außerdem { $command ->
    [PAUSE] um eine Pause gebeten
    [SKIP] darum gebeten, eine Frage auszulassen
    [RESUME] darum gebeten, wieder E-Mails zu erhalten
    [STOP] darum gebeten, das Programm zu verlassen
   *[REMATCH] um einen neuen Partner gebeten
}; ein Bericht allein bewirkt das nicht. Dazu antworten Sie mit { $write } allein in der ersten Zeile.
