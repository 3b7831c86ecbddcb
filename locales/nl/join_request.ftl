join-request-subject = { $program }: { $name } wil meedoen als { $role ->
    [mentor] mentor
   *[other] mentee
}
join-request-hello = Hallo,
join-request-asks = stuurde JOIN naar { $program } en wil meedoen. De gegevens:
join-request-role = Rol
join-request-as = { $role ->
    [mentor] mentor
   *[other] mentee
}
join-request-department = Afdeling
join-request-level = Niveau
join-request-teaches = Leert anderen
join-request-learns = Wil leren
join-request-languages = Talen
join-request-timezone = Tijdzone
join-request-hours = Werktijden
join-request-not-given = (niet ingevuld)
join-request-nothing-given = (niets ingevuld)
join-request-approve-before = Om deze persoon toe te laten, beantwoord je deze e-mail met
join-request-approve-after = alleen op de eerste regel. Diegene krijgt dan een vrije partner en hoort wanneer.
join-request-decline-before = Om nee te zeggen, antwoord je met
join-request-decline-after = op de eerste regel. Wat je op die regel na DECLINE schrijft (DECLINE het programma zit dit semester vol), geven we door; zonder reden krijgt diegene een vriendelijk bericht.
join-request-only-before = Alleen een antwoord van { $coordinator } op deze e-mail telt. Het deelnemersbestand verandert niet:
join-request-only-after = maakt de lijst met iedereen die je hebt toegelaten, om daarin terug te plakken.
