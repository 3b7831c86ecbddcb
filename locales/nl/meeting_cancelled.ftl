meeting-cancelled-subject = { $program }: de eerste afspraak met { $first } gaat niet door
meeting-cancelled-body = Je koppeling met { $first } is beëindigd, dus de eerste afspraak die we voor { $meeting } hadden voorgesteld, gaat niet door. De agenda-uitnodiging in deze e-mail haalt hem uit je agenda; verder hoef je niets te doen.
meeting-cancelled-new-partner = Als je een nieuwe partner hebt gekregen, volgt de kennismaking in een aparte e-mail.
