participant-digest-subject = Je overzicht van { $program }: { $period }
participant-digest-html-title = { $program }: je overzicht
participant-digest-title = Je overzicht: { $period }
participant-digest-intro = Je reverse mentoring van { $period }:
participant-digest-meetings = Afspraken: { $sessions } ({ $hours } u); sinds de start: { $sessions_to_date } ({ $hours_to_date } u)
participant-digest-topics = Onderwerpen: { $topics }
participant-digest-meetings-this-period = Afspraken deze periode
participant-digest-hours-this-period = Uren deze periode
participant-digest-since-start = { $sessions } sinds de start
participant-digest-hours-since-start = { $hours } u sinds de start
participant-digest-your = { $role ->
    [mentor] je mentor
   *[other] je mentee
}
participant-digest-with = Met { $name }, { $relation }
participant-digest-this-period = deze periode: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $hours } u
participant-digest-this-period-on = deze periode: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $hours } u, over { $topics }
participant-digest-since-the-start = sinds de start: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $hours } u
participant-digest-last-meeting = laatste afspraak: { $day }
participant-digest-none-yet = nog niets vastgelegd
participant-digest-html-this-period = Deze periode: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $hours } u.
participant-digest-html-this-period-on = Deze periode: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $hours } u, over { $topics }.
participant-digest-html-since = Sinds de start: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $hours } u. Laatste afspraak: { $day }.
participant-digest-not-yet = Jij en { $partners ->
    [one] { $who }
   *[other] je partners
} hebben nog geen afspraak vastgelegd. De eerste is het lastigst om te plannen: twintig minuten bij een kop koffie is genoeg. Stel deze week gewoon een moment voor!
participant-digest-since = Je laatste afspraak met { $partners ->
    [one] { $who }
   *[other] je partners
} was { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
} geleden. Even kort bijpraten houdt het gesprek gaande; zelfs twintig minuten telt.
participant-digest-met = { $meetings ->
    [one] Eén afspraak met { $partners ->
        [one] { $who }
       *[other] je partners
    } deze periode: een goed tempo. Wat wil je de volgende keer verkennen?
   *[other] { $meetings } afspraken met { $partners ->
        [one] { $who }
       *[other] je partners
    } deze periode: dat is het ritme waardoor reverse mentoring werkt. Ga zo door!
}
participant-digest-next = Beantwoord na je volgende afspraak gewoon de laatste vraag-e-mail en vertel hoe het ging.
participant-digest-help = Antwoord HULP voor de lijst met commando's, of AFMELDEN om het programma te verlaten.
