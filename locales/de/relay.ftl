relay-subject = { $partner } hat Ihnen geschrieben
relay-only-files = ({ $partner } hat nur { $count ->
    [one] die angehängte Datei
   *[other] die angehängten Dateien
} geschickt.)
relay-left-out = { $partner } hat außerdem { $files } angehängt: zu groß für die Weitergabe per E-Mail. Bitten Sie { $partner }, { $count ->
    [one] die Datei
   *[other] die Dateien
} auf anderem Weg zu teilen.
relay-wrote = { $name } hat Ihnen dies über { $program } geschrieben.
relay-answer = Antworten Sie auf diese E-Mail, um { $partner } zu antworten, oder schreiben Sie direkt an
relay-answer-end = .
