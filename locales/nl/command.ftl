command-about-pause = PAUZE
command-about-resume = HERVATTEN
command-about-skip = OVERSLAAN
command-about-rematch = NIEUWE PARTNER
command-about-stop = AFMELDEN
command-about-forget-me = VERGEET MIJ
command-about-help = HULP
command-about-join = JOIN
command-about-confirmation = bevestiging
command-about-goals = jullie doelen
command-about-not-passed-on = bericht niet doorgestuurd
command-about-passed-on = bericht doorgestuurd
command-about-not-logged = bericht niet vastgelegd

command-help = Dit kun je ons laten weten. Zet een van deze woorden alleen op de eerste regel van je antwoord.
command-already-stopped = Je was al uit het programma gestapt; je krijgt niets meer van ons.
command-stopped = Je bent uit { $program } gestapt. Dit is de laatste e-mail die je van ons krijgt.
command-left-earlier = Je bent eerder uit het programma gestapt (AFMELDEN), dus er is niets veranderd. Wil je terugkomen, schrijf dan naar { $coordinator }.
command-pause-not-understood = Er is niets veranderd: we konden `{ $date }` niet lezen als een datum in de toekomst. Schrijf bijvoorbeeld PAUSE UNTIL 2026-12-01.
command-paused = Je deelname staat op pauze: geen vragen of herinneringen tot je HERVATTEN antwoordt.
command-paused-until = Je deelname staat op pauze tot { $day }: vanaf die dag krijg je weer e-mails, of eerder als je HERVATTEN antwoordt.
command-resumed = Welkom terug: je krijgt weer vragen en herinneringen.
command-not-paused = Je deelname stond niet op pauze, dus er verandert niets: je krijgt vragen en herinneringen zoals altijd.
command-skipped = Geregeld: je volgende vraag slaan we over. Verder blijft alles zoals het is.
command-no-pairing = Je hebt nu geen koppeling die we kunnen wijzigen, dus er is niets veranderd. In de volgende ronde word je gekoppeld.
command-rematched = Je koppeling is beëindigd en je hebt een nieuwe partner: de kennismakingsmail komt eraan.
command-rematch-waits = Je koppeling is beëindigd. Er is nu niemand vrij die bij je past; we koppelen je opnieuw zodra er iemand is, uiterlijk in de volgende ronde.
command-confirm-first = { $command ->
    [STOP] We lezen je bericht als een verzoek om uit { $program } te stappen. Er is nog niets veranderd: uitstappen beëindigt je koppeling en kan niet per e-mail worden teruggedraaid. Wil je stoppen, antwoord dan met STOP alleen op de eerste regel. Bedoelde je dat niet, dan hoef je niets te doen.
   *[other] We lezen je bericht als een verzoek om een nieuwe partner. Er is nog niets veranderd: een nieuwe partner beëindigt je huidige koppeling. Wil je dat, antwoord dan met REMATCH alleen op de eerste regel. Bedoelde je dat niet, dan hoef je niets te doen.
}
command-goals-noted = Jullie doelen voor deze koppeling zijn genoteerd:
command-goal = {"  "}{ $number }. { $goal }
command-goals-remind = De vragen over jullie afspraken herinneren jullie eraan, en aan het eind vragen we hoe ver jullie gekomen zijn. Wil je ze wijzigen, antwoord dan met nieuwe regels „Doel:”.
command-outcomes-noted = Bedankt dat je laat weten hoe ver jullie gekomen zijn:
command-goal-outcome = {"  "}doel { $number }: { $outcome ->
    [reached] bereikt
    [partly] deels bereikt
   *[not_reached] nog niet bereikt
}
command-partner-unreachable = We konden je bericht niet doorsturen naar { $partner }: e-mail aan deze persoon komt op dit moment niet aan. Het bericht is bewaard in het logboek van het programma. Schrijf rechtstreeks naar { $email }, of vraag { $coordinator } om hulp.
command-passed-on = Wat je schreef vraagt om een mens, dus het is doorgestuurd naar { $coordinator }, die het programma leidt en je zal antwoorden. Je kunt ook rechtstreeks mailen naar { $coordinator }.
command-not-logged-forged = Je bericht is niet vastgelegd: het adres waarnaar je schreef komt niet van ons, of is onderweg veranderd. Beantwoord de laatste e-mail die je van ons kreeg rechtstreeks.
command-not-logged-address = Je bericht is niet vastgelegd: het kwam van een adres dat niet bij dit gesprek hoort. Antwoord vanaf het adres waarnaar het programma je mailt.
command-not-logged-ended = Je bericht is niet vastgelegd: het hoort bij een koppeling die beëindigd is. Beantwoord de laatste e-mail die je van ons kreeg.
command-not-logged-no-pair = Je bericht is niet vastgelegd: je hebt nu geen partner om het voor vast te leggen. Je hoort van ons zodra je gekoppeld bent.
command-not-logged-several = Je bericht is niet vastgelegd: je hebt meer dan één partner, dus beantwoord de laatste e-mail over de partner die je bedoelt.
command-not-logged-commands = Je bericht is niet vastgelegd: dit adres neemt alleen opdrachten aan. Wil je iets vertellen over een afspraak, beantwoord dan de laatste e-mail over je koppeling.
command-answered-already = Die e-mail is al beantwoord, en elke e-mail werkt maar één keer: er is verder niets gedaan.
command-expired = Dat verzoek heeft langer dan { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
} gewacht, dus er is niets gedaan. Wil je het nog steeds, schrijf ons dan opnieuw.
command-not-sent = Bedankt: er is niets mee gedaan. Schrijft iemand in jouw naam, dan kan { $coordinator } helpen.
command-forgotten = Geregeld: je naam, je adres, je notities en de berichten die je ons stuurde zijn gewist; alleen anonieme aantallen blijven over. Dit is de laatste e-mail die je van ons krijgt.
command-forget-waits = Er is nog niets gewist. Bevestig door die e-mail te beantwoorden met VERGEET MIJ alleen op de eerste regel.
command-held-gone = Het bericht is niet meer te vinden, dus er is niets gedaan. Stuur het alsjeblieft opnieuw.
command-join-already-in = Je doet al mee aan { $program }, dus aanmelden is niet nodig. Vragen over je koppeling kun je sturen naar { $coordinator }.
command-join-already-asked = Je verzoek om mee te doen aan { $program } ligt al bij de coördinator. Je hoort van ons zodra er een besluit is.
command-join-incomplete = Leuk dat je wilt meedoen aan { $program }! Het formulier mist nog iets voordat het naar de coördinator kan:
command-join-problem = - { $field ->
    [name] Naam
    [role] Rol
    [department] Afdeling
    [level] Niveau
    [teaches] Leert anderen
    [learns] Wil leren
    [languages] Talen
    [timezone] Tijdzone
   *[hours] Werktijden
}: { $kind ->
    [missing] ontbreekt
    [no-topic] geen onderwerp: vul minstens een van de regels ‘Leert anderen:’ en ‘Wil leren:’ in
   *[unusable] ‘{ $value }’ is zo niet bruikbaar: schrijf het zoals het voorbeeld in het formulier
}
command-join-again = Stuur JOIN opnieuw, alleen op de eerste regel, met het formulier hieronder ingevuld (één regel per gegeven; lijsten gescheiden door ;):
command-join-form-first = JOIN
command-join-form-line = { $field ->
    [name] Naam: je naam zoals collega's je kennen (anders de naam van je e-mailadres)
    [role] Rol: mentor (je leert anderen: technologie, nieuwe manieren van werken) of mentee (je leert ze)
    [department] Afdeling: Klantenservice
    [level] Niveau: je niveau als getal, hoger is meer senior, bijv. 3
    [teaches] Leert anderen: AI-tools; korte video's
    [learns] Wil leren: loopbaan; onderhandelen
    [languages] Talen: Nederlands; Engels
    [timezone] Tijdzone: Europe/Amsterdam
   *[hours] Werktijden: 09:00-17:30
}
command-join-sent = Leuk dat je wilt meedoen aan { $program }! Je verzoek is naar de coördinator gegaan, die beslist wie er meedoet. Je hoort hoe dan ook per e-mail van ons.

command-cancelled = De eerste afspraak die we voor { $meeting } hadden voorgesteld, vervalt: de agenda-uitnodiging in deze e-mail haalt hem uit je agenda.
command-list = De opdrachten die je kunt terugsturen, alleen op de eerste regel:
command-list-pause = PAUZE
command-list-item = { $command }: { $does }
command-does-pause = geen e-mails tot je hervat (tot een datum: PAUSE UNTIL 2027-03-31)
command-does-resume = weer e-mails krijgen
command-does-skip = de volgende vraag overslaan
command-does-rematch = in de volgende ronde een nieuwe partner vragen
command-does-stop = uit het programma stappen
command-does-forget-me = uitstappen en wissen wat er over je is vastgelegd
command-does-help = deze lijst
