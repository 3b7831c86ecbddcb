forward-subject = { $name } schreef naar { $program }
forward-wrote = schreef naar { $program }, en daar moet een mens op reageren: het programma registreert alleen afspraken en commando's. Beantwoord deze e-mail om { $first } rechtstreeks te antwoorden; { $first } weet al dat jij het bericht hebt.
forward-only-files = ({ $first } stuurde alleen { $files ->
    [one] het bijgevoegde bestand
   *[other] de bijgevoegde bestanden
}.)
forward-left-out = { $first } voegde ook { $files } toe: te groot om door te sturen; het wordt bewaard in het logboek van het programma.
