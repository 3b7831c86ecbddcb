cancelled-again-subject = { $program }: eine Zeit finden, die mit { $first } passt
cancelled-again-body = Ihre letzten beiden Treffen mit { $first } mussten von Ihrer Seite abgesagt werden. Volle Wochen kommen vor; dies ist nur ein freundlicher Hinweis, damit die Zeit, die Sie sich gemeinsam nehmen, für Sie gut funktioniert.
cancelled-again-helps = Was oft hilft:
cancelled-again-shorter = ein kürzeres Treffen: zwanzig Minuten genügen;
cancelled-again-slot = ein fester Termin alle zwei Wochen, in beiden Kalendern;
cancelled-again-early = { $first } frühzeitig Bescheid geben, wenn ein Termin nicht passt
cancelled-again-pause = Passt es gerade gar nicht, antworten Sie mit
cancelled-again-pause-after = und einem Datum (JJJJ-MM-TT) allein in der ersten Zeile; bis dahin fragen wir nicht nach. Steht etwas anderes im Weg, antworten Sie einfach auf diese E-Mail: Ihre Nachricht geht an { $coordinator }, wir helfen gern.
