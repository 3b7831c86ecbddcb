final-report-subject = { $program }: eindrapport, { $meetings ->
    [one] { $meetings } afspraak
   *[other] { $meetings } afspraken
} in { $pairs ->
    [one] { $pairs } koppel
   *[other] { $pairs } koppels
}
final-report-subject-so-far = { $program }: eindrapport (tussenstand), { $meetings ->
    [one] { $meetings } afspraak
   *[other] { $meetings } afspraken
} in { $pairs ->
    [one] { $pairs } koppel
   *[other] { $pairs } koppels
}
final-report-title = Eindrapport, { $period }
final-report-not-ended = Het programma is nog niet afgelopen: het eindigt op { $end }. Dit zijn de cijfers tot nu toe.

final-report-meetings = Afspraken
final-report-hours-in-all = { $hours } u in totaal
final-report-pairs-met = Koppels die afspraken
final-report-pairs-made = van { $pairs ->
    [one] 1 gevormd koppel
   *[other] { $pairs } gevormde koppels
}
final-report-rating-note = op 5, uit { $ratings ->
    [one] 1 beoordeling
   *[other] { $ratings } beoordelingen
}
final-report-average = { $average } op 5, uit { $ratings ->
    [one] 1 beoordeling
   *[other] { $ratings } beoordelingen
}
final-report-no-ratings = geen beoordelingen

final-report-sessions-per-week = Afspraken per week
final-report-ratings = Beoordelingen
final-report-no-ratings-note = Er zijn geen beoordelingen gegeven.
final-report-ratings-hidden-note = Beoordelingen worden getoond zodra { $min } mensen hebben geantwoord ({ $count } deden dat), zodat niemands antwoord herkenbaar is.
final-report-by-mentors = Gegeven door mentoren
final-report-by-mentees = Gegeven door mentees

final-report-per-pair = Afspraken per koppel
final-report-no-pairs = Er is geen koppel gevormd.
final-report-more-pairs = en nog { $count } koppels:
final-report-lists-them-all = toont ze allemaal.
final-report-row = { $name }: { $meetings ->
    [one] 1 afspraak
   *[other] { $meetings } afspraken
} ({ $detail })
final-report-meetings-count = { $meetings ->
    [one] { $meetings } afspraak
   *[other] { $meetings } afspraken
}
final-report-pair-round = ronde { $round }, { $hours } u
final-report-never-met = nooit afgesproken
final-report-ended-early = eerder gestopt
final-report-pair-cancelled = afgezegd: { $mentor } door de mentor, { $mentee } door de mentee
final-report-cancelled = { $count ->
    [one] 1 afspraak
   *[other] { $count } afspraken
} afgezegd in het hele programma: { $mentors } door mentoren, { $mentees } door mentees.
final-report-by-department = Afspraken per afdeling
final-report-department-note = Een afspraak telt mee voor de afdelingen van beide partners.
final-report-department-note-text = (een afspraak telt mee voor de afdelingen van beide partners)
final-report-by-level = Afspraken per niveau
final-report-level = Niveau { $level }
final-report-no-department = geen afdeling
final-report-group = { $as_mentor } met de eigen mentoren, { $as_mentee } met de eigen mentees; { $mentors ->
    [one] 1 mentor
   *[other] { $mentors } mentoren
} en { $mentees ->
    [one] 1 mentee
   *[other] { $mentees } mentees
}

final-report-topics = Onderwerpen, in beide richtingen
final-report-mentors-taught = Mentoren brachten bij
final-report-mentees-taught = Mentees brachten terug bij
final-report-none-logged = niets vastgelegd
final-report-goals-title = Doelen
final-report-no-goals = Geen enkel koppel stelde doelen.
final-report-goals = { $set ->
    [one] 1 doel
   *[other] { $set } doelen
} gesteld door { $pairs ->
    [one] 1 koppel
   *[other] { $pairs } koppels
}: { $reached } bereikt, { $partly } deels, { $not_reached } niet bereikt, { $unanswered } zonder antwoord
final-report-goal = { $goal } ({ $outcome ->
    [reached] bereikt
    [partly] deels
    [not_reached] niet bereikt
   *[none] zonder antwoord
})

final-report-from-feedback = Uit de feedback
final-report-footer = Je krijgt dit rapport één keer, als coördinator van { $program }. Antwoorden hierop worden niet gelezen.
final-report-footer-command = toont dezelfde cijfers op elk moment.
