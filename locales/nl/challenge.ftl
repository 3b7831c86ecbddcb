challenge-subject = { $program }: heb jij dit gestuurd?
challenge-subject-forget = { $program }: bevestig VERGEET MIJ
challenge-forget-received = Op { $day } kregen we VERGEET MIJ vanaf je adres. Voordat we iets wissen, vragen we je dit te bevestigen:
challenge-forget-reply = beantwoord deze e-mail met VERGEET MIJ
challenge-forget-within = binnen { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
}.
challenge-forget-then = We wissen dan je naam, je adres, je notities en de berichten die je ons stuurde, bewaren alleen anonieme aantallen en sturen je niets meer. Bevestig je niet, dan verandert er niets.
challenge-received = Op { $day } kregen we een bericht vanaf je adres: { $what }. We weten niet zeker of jij het gestuurd hebt, dus er is nog niets mee gedaan.
challenge-received-subject = Op { $day } kregen we een bericht vanaf je adres („{ $subject }”): { $what }. We weten niet zeker of jij het gestuurd hebt, dus er is nog niets mee gedaan.
challenge-what-command = de opdracht { $command }
challenge-what-met = een verslag van een afspraak met je partner
challenge-what-not-met = een bericht dat jij en je partner elkaar niet gesproken hebben
challenge-what-report = een verslag over je koppeling
challenge-what-message = een bericht over je koppeling
challenge-if-sent = Heb je het zelf gestuurd,
challenge-reply = beantwoord dan deze e-mail
challenge-if-sent-then = (een simpel „ja” is genoeg) binnen { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
}, en we voeren het uit.
challenge-not-sent = Heb je het niet gestuurd, antwoord dan NEE, of negeer deze e-mail: er verandert niets.
challenge-once = Alleen antwoorden op precies deze e-mail tellen, en elk antwoord werkt maar één keer.
