join-approved-subject = Willkommen bei { $program }
join-approved-in = Willkommen bei { $program }: Sie sind dabei, als { $role ->
    [mentor] Mentor
   *[other] Mentee
}.
join-approved-new-partner = Sobald eine passende Person frei ist, bilden wir Ihr Tandem, meist noch am selben Tag; eine Vorstellungs-E-Mail sagt Ihnen, mit wem.
join-approved-next-round = Ihr Tandem bilden wir in der nächsten Runde, am { $day }; eine Vorstellungs-E-Mail sagt Ihnen, mit wem.
join-approved-no-more-rounds = Bis zum Ende des Programms sind keine weiteren Runden geplant; { $coordinator } meldet sich bei Ihnen, wenn ein Partner frei wird.
join-approved-help = Bis dahin müssen Sie nichts tun. Antworten Sie jederzeit HILFE, um zu sehen, was Sie dem Programm schreiben können.
