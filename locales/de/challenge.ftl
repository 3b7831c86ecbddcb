challenge-subject = { $program }: Kam diese Nachricht von Ihnen?
challenge-subject-forget = { $program }: Bitte bestätigen Sie VERGISS MICH
challenge-forget-received = Am { $day } erhielten wir von Ihrer Adresse VERGISS MICH. Bevor wir etwas löschen, bestätigen Sie es bitte:
challenge-forget-reply = Antworten Sie auf diese E-Mail mit VERGISS MICH,
challenge-forget-within = und zwar innerhalb von { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
}.
challenge-forget-then = Wir löschen dann Ihren Namen, Ihre Adresse, Ihre Notizen und die Nachrichten, die Sie uns geschickt haben, behalten nur anonyme Zahlen und schicken Ihnen nichts mehr. Ohne Ihre Bestätigung ändert sich nichts.
challenge-received = Am { $day } erhielten wir eine Nachricht von Ihrer Adresse: { $what }. Wir konnten nicht sicher erkennen, dass sie von Ihnen stammt, daher ist damit noch nichts geschehen.
challenge-received-subject = Am { $day } erhielten wir eine Nachricht von Ihrer Adresse („{ $subject }“): { $what }. Wir konnten nicht sicher erkennen, dass sie von Ihnen stammt, daher ist damit noch nichts geschehen.
challenge-what-command = der Befehl { $command }
challenge-what-met = ein Bericht über ein Treffen mit Ihrem Partner
challenge-what-not-met = ein Bericht, dass Sie und Ihr Partner sich nicht getroffen haben
challenge-what-report = ein Bericht über Ihr Tandem
challenge-what-message = eine Nachricht zu Ihrem Tandem
challenge-if-sent = Wenn Sie sie geschickt haben,
challenge-reply = antworten Sie auf diese E-Mail
challenge-if-sent-then = (ein schlichtes „ja“ genügt), und zwar innerhalb von { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
}; dann führen wir sie aus.
challenge-not-sent = Wenn Sie sie nicht geschickt haben, antworten Sie NEIN oder ignorieren Sie diese E-Mail: Es ändert sich nichts.
challenge-once = Es zählen nur Antworten auf genau diese E-Mail, und jede wirkt nur einmal.
