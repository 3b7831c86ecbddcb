forward-subject = { $name } hat an { $program } geschrieben
forward-wrote = hat an { $program } geschrieben, und darauf sollte ein Mensch antworten: Das Programm erfasst nur Treffen und Befehle. Antworten Sie auf diese E-Mail, um { $first } direkt zu antworten; { $first } weiß bereits, dass Sie die Nachricht erhalten haben.
forward-only-files = ({ $first } hat nur { $files ->
    [one] die angehängte Datei
   *[other] die angehängten Dateien
} geschickt.)
forward-left-out = { $first } hat außerdem { $files } angehängt: zu groß zum Weiterleiten; es bleibt im Protokoll des Programms.
