pause-ended-subject = { $program }: Ihre Pause ist vorbei
pause-ended-body = Ihre Pause endete wie gewünscht am { $on }: Fragen und Erinnerungen kommen wieder.
pause-ended-more = Brauchen Sie mehr Zeit, antworten Sie mit PAUSIEREN (oder PAUSE UNTIL und einem Datum, JJJJ-MM-TT) allein in der ersten Zeile. Um das Programm zu verlassen, antworten Sie mit ABMELDEN.
