confirmation-subject-meeting = Vastgelegd: je afspraak met { $first }
confirmation-subject-update = Vastgelegd: je update over { $first }
confirmation-thanks = Dank je wel.
confirmation-correction = We hebben je bericht opgevat als een correctie op je eerdere verslag en alleen aangepast wat je schreef. Het verslag luidt nu:
confirmation-retraction = We hebben je bericht zo begrepen dat jullie elkaar toch niet gesproken hebben: die afspraak staat nu als niet doorgegaan (hij blijft in het logboek, maar telt niet mee in de cijfers).
confirmation-logged = Dit hebben we vastgelegd:
confirmation-met-yes = Gesproken: ja
confirmation-met-not-yet = Gesproken: nog niet
confirmation-date = Datum: { $value }
confirmation-minutes = Minuten: { $value }
confirmation-topics = Onderwerpen: { $value }
confirmation-rating = Beoordeling: { $value }
confirmation-not-given = niet opgegeven
confirmation-wrong = Klopt er iets niet? Beantwoord deze e-mail dan met de correctie.
confirmation-unclear = We konden { $what } niet uit je bericht opmaken: wil je { $count ->
    [one] dat
   *[other] die
} in een antwoord laten weten?
confirmation-unclear-met = of jullie elkaar gesproken hebben
confirmation-unclear-date = de datum
confirmation-unclear-minutes = hoe lang jullie elkaar gesproken hebben
confirmation-unclear-rating = je beoordeling
confirmation-or = of
confirmation-also-asked = Je vroeg ook { $command ->
    [PAUSE] om een pauze
    [SKIP] om een vraag over te slaan
    [RESUME] om weer e-mails te krijgen
    [STOP] om uit het programma te stappen
   *[REMATCH] om een nieuwe partner
}: een verslag doet dat niet vanzelf. Antwoord daarvoor met { $write } alleen op de eerste regel.
