join-approved-subject = Welkom bij { $program }
join-approved-in = Welkom bij { $program }: je doet mee, als { $role ->
    [mentor] mentor
   *[other] mentee
}.
join-approved-new-partner = Je wordt gekoppeld aan iemand die vrij is zodra er iemand past, meestal nog dezelfde dag; een kennismakingsmail vertelt je met wie.
join-approved-next-round = Je wordt gekoppeld in de volgende ronde, op { $day }; een kennismakingsmail vertelt je met wie.
join-approved-no-more-rounds = Er zijn geen koppelrondes meer gepland voordat het programma eindigt; { $coordinator } laat het je weten als er een partner vrijkomt.
join-approved-help = Tot die tijd hoef je niets te doen. Antwoord op elk moment HULP om te zien wat je naar het programma kunt sturen.
