final-report-subject = { $program }: Abschlussbericht, { $meetings } Treffen in { $pairs ->
    [one] 1 Paar
   *[other] { $pairs } Paaren
}
final-report-subject-so-far = { $program }: Abschlussbericht (Zwischenstand), { $meetings } Treffen in { $pairs ->
    [one] 1 Paar
   *[other] { $pairs } Paaren
}
final-report-title = Abschlussbericht, { $period }
final-report-not-ended = Das Programm ist noch nicht zu Ende: Es endet am { $end }. Dies ist der Zwischenstand.

final-report-meetings = Treffen
final-report-hours-in-all = { $hours } Std. insgesamt
final-report-pairs-met = Paare, die sich trafen
final-report-pairs-made = von { $pairs ->
    [one] 1 gebildeten Paar
   *[other] { $pairs } gebildeten Paaren
}
final-report-rating-note = von 5, aus { $ratings ->
    [one] 1 Bewertung
   *[other] { $ratings } Bewertungen
}
final-report-average = { $average } von 5, aus { $ratings ->
    [one] 1 Bewertung
   *[other] { $ratings } Bewertungen
}
final-report-no-ratings = keine Bewertungen

final-report-sessions-per-week = Treffen pro Woche
final-report-ratings = Bewertungen
final-report-no-ratings-note = Es wurden keine Bewertungen abgegeben.
final-report-ratings-hidden-note = Bewertungen werden gezeigt, sobald { $min } Personen geantwortet haben (es waren { $count }), damit keine einzelne Antwort erkennbar ist.
final-report-by-mentors = Von Mentoren vergeben
final-report-by-mentees = Von Mentees vergeben

final-report-per-pair = Treffen pro Paar
final-report-no-pairs = Es wurde kein Paar gebildet.
final-report-more-pairs = und { $count } weitere Paare:
final-report-lists-them-all = listet alle auf.
final-report-row = { $name }: { $meetings ->
    [one] 1 Treffen
   *[other] { $meetings } Treffen
} ({ $detail })
final-report-meetings-count = { $meetings } Treffen
final-report-pair-round = Runde { $round }, { $hours } Std.
final-report-never-met = nie getroffen
final-report-ended-early = vorzeitig beendet
final-report-pair-cancelled = { $mentor } vom Mentor und { $mentee } vom Mentee abgesagt
final-report-cancelled = { $count ->
    [one] 1 Treffen
   *[other] { $count } Treffen
} im gesamten Programm abgesagt: { $mentors } von Mentoren, { $mentees } von Mentees.
final-report-by-department = Treffen nach Abteilung
final-report-department-note = Ein Treffen zählt für die Abteilungen beider Partner.
final-report-department-note-text = (ein Treffen zählt für die Abteilungen beider Partner)
final-report-by-level = Treffen nach Ebene
final-report-level = Ebene { $level }
final-report-no-department = ohne Abteilung
final-report-group = { $as_mentor } mit Mentoren daraus, { $as_mentee } mit Mentees daraus; { $mentors ->
    [one] 1 Mentor
   *[other] { $mentors } Mentoren
} und { $mentees ->
    [one] 1 Mentee
   *[other] { $mentees } Mentees
}

final-report-topics = Themen in beide Richtungen
final-report-mentors-taught = Mentoren brachten bei
final-report-mentees-taught = Mentees gaben zurück
final-report-none-logged = keine erfasst
final-report-goals-title = Ziele
final-report-no-goals = Kein Paar hat sich Ziele gesetzt.
final-report-goals = { $set ->
    [one] 1 Ziel
   *[other] { $set } Ziele
} von { $pairs ->
    [one] 1 Paar
   *[other] { $pairs } Paaren
} gesetzt: { $reached } erreicht, { $partly } teilweise, { $not_reached } nicht erreicht, { $unanswered } ohne Antwort
final-report-goal = { $goal } ({ $outcome ->
    [reached] erreicht
    [partly] teilweise
    [not_reached] nicht erreicht
   *[none] ohne Antwort
})

final-report-from-feedback = Aus den Rückmeldungen
final-report-footer = Sie erhalten diesen Bericht einmalig als Koordinator:in von { $program }. Antworten darauf werden nicht gelesen.
final-report-footer-command = zeigt dieselben Zahlen jederzeit.
