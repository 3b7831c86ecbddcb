pause-ended-subject = { $program }: je pauze is voorbij
pause-ended-body = Je pauze is op { $on } afgelopen, zoals je vroeg: vragen en herinneringen komen weer.
pause-ended-more = Heb je meer tijd nodig, antwoord dan PAUZE (of PAUSE UNTIL en een datum, JJJJ-MM-DD) alleen op de eerste regel. Wil je stoppen met het programma, antwoord dan AFMELDEN.
