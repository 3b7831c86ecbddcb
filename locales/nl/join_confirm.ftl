join-confirm-subject = { $program }: heb jij gevraagd om mee te doen?
join-confirm-asked = Iemand heeft vanaf dit adres gevraagd om mee te doen aan { $program }, als { $role ->
    [mentor] mentor
   *[other] mentee
}. Voordat het verzoek naar de coördinator gaat, controleren we of jij dat was: beantwoord deze e-mail gewoon met
join-confirm-asked-department = Iemand heeft vanaf dit adres gevraagd om mee te doen aan { $program }, als { $role ->
    [mentor] mentor
   *[other] mentee
} bij { $department }. Voordat het verzoek naar de coördinator gaat, controleren we of jij dat was: beantwoord deze e-mail gewoon met
join-confirm-yes = JA
join-confirm-first-line = alleen op de eerste regel.
join-confirm-not-you = Was jij het niet, doe dan niets: zonder jouw antwoord gebeurt er verder niets en ziet niemand het verzoek.
