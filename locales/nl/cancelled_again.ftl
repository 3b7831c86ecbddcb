cancelled-again-subject = { $program }: een moment vinden dat past voor jou en { $first }
cancelled-again-body = Je laatste twee afspraken met { $first } moesten van jouw kant worden afgezegd. Drukke weken horen erbij; dit is alleen een vriendelijk berichtje, zodat de tijd die jullie samen vrijmaken voor je blijft werken.
cancelled-again-helps = Wat vaak helpt:
cancelled-again-shorter = een kortere afspraak: twintig minuten is genoeg;
cancelled-again-slot = een vast moment, om de week, in allebei jullie agenda's;
cancelled-again-early = { $first } op tijd laten weten als een datum niet uitkomt
cancelled-again-pause = Komt het nu helemaal niet uit, antwoord dan
cancelled-again-pause-after = en een datum (JJJJ-MM-DD), alleen op de eerste regel, dan vragen we tot die tijd niets. Zit er iets anders in de weg, beantwoord deze e-mail dan gewoon: je bericht komt bij { $coordinator }, die je graag helpt.
