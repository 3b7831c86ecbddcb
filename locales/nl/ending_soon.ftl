ending-soon-subject = { $program } eindigt over twee weken
ending-soon-ends = { $program } eindigt op
ending-soon-plan = , over twee weken. Heb je nog een afspraak te plannen met { $partners }, dan is dit een goed moment om die in de agenda te zetten.
ending-soon-and = en
ending-soon-last = Op de laatste dag krijg je één korte afsluitende vraag over wat je geleerd hebt. Tot die tijd gaat alles gewoon door.
