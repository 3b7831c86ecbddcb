participant-digest-subject = Ihr Überblick zu { $program }: { $period }
participant-digest-html-title = { $program }: Ihr Überblick
participant-digest-title = Ihr Überblick: { $period }
participant-digest-intro = Ihr Reverse Mentoring vom { $period }:
participant-digest-meetings = Treffen: { $sessions } ({ $hours } Std.); seit Beginn: { $sessions_to_date } ({ $hours_to_date } Std.)
participant-digest-topics = Themen: { $topics }
participant-digest-meetings-this-period = Treffen in diesem Zeitraum
participant-digest-hours-this-period = Stunden in diesem Zeitraum
participant-digest-since-start = { $sessions } seit Beginn
participant-digest-hours-since-start = { $hours } Std. seit Beginn
participant-digest-your = { $role ->
    [mentor] Ihr Mentor
   *[other] Ihr Mentee
}
participant-digest-with = Mit { $name }, { $relation }
participant-digest-this-period = in diesem Zeitraum: { $sessions } Treffen, { $hours } Std.
participant-digest-this-period-on = in diesem Zeitraum: { $sessions } Treffen, { $hours } Std., zu { $topics }
participant-digest-since-the-start = seit Beginn: { $sessions } Treffen, { $hours } Std.
participant-digest-last-meeting = letztes Treffen: { $day }
participant-digest-none-yet = noch keines erfasst
participant-digest-html-this-period = In diesem Zeitraum: { $sessions } Treffen, { $hours } Std.
participant-digest-html-this-period-on = In diesem Zeitraum: { $sessions } Treffen, { $hours } Std., zu { $topics }.
participant-digest-html-since = Seit Beginn: { $sessions } Treffen, { $hours } Std. Letztes Treffen: { $day }.
participant-digest-not-yet = Sie und { $partners ->
    [one] { $who }
   *[other] Ihre Partner
} haben noch kein Treffen erfasst. Das erste ist am schwersten zu planen: Zwanzig Minuten bei einem Kaffee reichen völlig. Wie wäre es, diese Woche einen Termin vorzuschlagen?
participant-digest-since = Ihr letztes Treffen mit { $partners ->
    [one] { $who }
   *[other] Ihren Partnern
} ist { $days ->
    [one] einen Tag
   *[other] { $days } Tage
} her. Ein kurzes Gespräch hält den Austausch lebendig; schon zwanzig Minuten zählen.
participant-digest-met = { $meetings ->
    [one] Ein Treffen mit { $partners ->
        [one] { $who }
       *[other] Ihren Partnern
    } in diesem Zeitraum: ein gutes Tempo. Was möchten Sie beim nächsten Mal vertiefen?
   *[other] { $meetings } Treffen mit { $partners ->
        [one] { $who }
       *[other] Ihren Partnern
    } in diesem Zeitraum: Genau dieser Rhythmus lässt Reverse Mentoring gelingen. Weiter so!
}
participant-digest-next = Antworten Sie nach Ihrem nächsten Treffen einfach auf die letzte Frage-E-Mail und erzählen Sie, wie es war.
participant-digest-help = Antworten Sie HILFE für die Liste der Befehle oder ABMELDEN, um das Programm zu verlassen.
