hr-digest-period = { $from_day }. bis { $day }. { $month } { $year }
hr-digest-period-months = { $from_day }. { $from_month } bis { $day }. { $month } { $year }
hr-digest-period-years = { $from_day }. { $from_month } { $from_year } bis { $day }. { $month } { $year }
hr-digest-day = { $day }. { $month } { $year }
hr-digest-week-label = %d.%m.

hr-digest-subject = { $program }, { $period }: { $sessions ->
    [one] 1 Treffen
   *[other] { $sessions } Treffen
}, { $percent } der Paare treffen sich
hr-digest-title = Überblick vom { $period }
hr-digest-html-title = { $program }: Überblick vom { $period }

hr-digest-sessions = Treffen
hr-digest-to-date = { $count } bisher
hr-digest-trend-same = so viele wie in der Vorwoche
hr-digest-trend-up = ▲ { $diff } gegenüber der Vorwoche
hr-digest-trend-down = ▼ { $diff } gegenüber der Vorwoche
hr-digest-hours = Stunden
hr-digest-hours-to-date = { $hours } Std. bisher
hr-digest-pairs-meeting = Aktive Paare
hr-digest-pairs-met = { $met } von { $pairs ->
    [one] 1 Paar
   *[other] { $pairs } Paaren
} haben sich in den letzten 30 Tagen getroffen
hr-digest-average-rating = Durchschnittliche Bewertung
hr-digest-rating-note = von 5, aus { $ratings ->
    [one] 1 Bewertung
   *[other] { $ratings } Bewertungen
} bisher
hr-digest-no-ratings = noch keine Bewertungen
hr-digest-ratings-hidden = sichtbar ab { $min } Bewertungen (bisher { $count })

hr-digest-sessions-per-week = Treffen pro Woche
hr-digest-chart-note-text = (> markiert die Woche dieses Überblicks; ★ die Durchschnittsbewertung der Woche, sichtbar ab { $min } Bewertungen)
hr-digest-chart-note = Orange: die Woche dieses Überblicks.
hr-digest-chart-star-note = Durchschnittsbewertung der Woche, sichtbar ab { $min } Bewertungen.
hr-digest-earlier = frühere { $weeks } Wochen: { $sessions } Treffen
hr-digest-earlier-html = Frühere { $weeks } Wochen: { $sessions } Treffen
hr-digest-ratings-to-date = Bewertungen bisher
hr-digest-no-ratings-note = Noch keine Bewertungen.
hr-digest-ratings-hidden-note = Bewertungen werden gezeigt, sobald { $min } Personen geantwortet haben (bisher { $count }), damit keine einzelne Antwort erkennbar ist.

hr-digest-needs-a-word = Braucht ein Wort von Ihnen
hr-digest-all-well = Alle Paare waren zuletzt in Kontakt. Nichts braucht Ihre Aufmerksamkeit.
hr-digest-suggested = Vorschlag für { $about }: { $suggestion }
hr-digest-gone-silent = Funkstille
hr-digest-silent-days = { $pair }: seit { $days ->
    [one] 1 Tag
   *[other] { $days } Tagen
} kein Kontakt
hr-digest-silent-suggestion = beiden schreiben und Hilfe anbieten
hr-digest-silent-mail-subject = { $program }: Wie läuft es?
hr-digest-silent-mail-body =
    Hallo { $mentor } und { $mentee },

    mir ist aufgefallen, dass Sie seit ein paar Wochen nicht in Kontakt waren. Könnten Sie diese Woche 20 Minuten finden? Wenn etwas im Weg steht (Zeit, Themen, die Paarung selbst), sagen Sie es mir, und ich helfe gern.

    Viele Grüße
hr-digest-cancelling = Immer wieder abgesagt (sie haben einen freundlichen Hinweis bekommen)
hr-digest-who = { $name } ({ $side ->
    [mentor] Mentor
   *[other] Mentee
})
hr-digest-cancelled-line = { $name } ({ $side ->
    [mentor] Mentor
   *[other] Mentee
}) hat die letzten { $times } Treffen mit { $partner } abgesagt
hr-digest-cancelling-suggestion = fragen, ob die Zeit noch passt; einen kürzeren Termin, eine Pause oder eine neue Partnerin bzw. einen neuen Partner anbieten
hr-digest-cancelling-mail-subject = { $program }: ein Termin mit { $partner }
hr-digest-cancelling-mail-body =
    Hallo { $name },

    ich habe gesehen, dass Ihre letzten Treffen mit { $partner } nicht stattfinden konnten. Passt die Zeit noch für Sie? Ein kürzerer Termin, eine Pause oder eine andere Paarung sind völlig in Ordnung; sagen Sie mir, was helfen würde.

    Viele Grüße
hr-digest-contradictions = Berichte, die sich widersprechen (eine Seite sagt, sie hätten sich getroffen, die andere nicht)
hr-digest-never-met = Noch nicht getroffen
hr-digest-opted-out = In diesem Zeitraum ausgestiegen (ein persönliches Gespräch verrät vielleicht den Grund)
hr-digest-opted-out-on = { $name }, am { $day }
hr-digest-opted-out-said = { $name }, am { $day }: „{ $words }“
hr-digest-without-partner = Ohne Partner (`upward pair --fill` bildet Paare, sobald jemand passt)
hr-digest-bouncing = E-Mails kommen nicht an (Adresse prüfen, dann `upward reenable EMAIL`)
hr-digest-cancelled = { $count ->
    [one] 1 Treffen
   *[other] { $count } Treffen
} in diesem Zeitraum abgesagt: { $mentors } von Mentoren, { $mentees } von Mentees.
hr-digest-senior-side = Die meisten Absagen kommen von der erfahreneren Seite – so schläft Reverse Mentoring am häufigsten ein: Ein Wort der Führungskraft hilft.

hr-digest-topics = Themen
hr-digest-topics-both-ways = Themen in beide Richtungen
hr-digest-mentors-taught = Mentoren brachten bei
hr-digest-mentees-taught = Mentees gaben zurück
hr-digest-none-logged = noch keine erfasst

hr-digest-program-health = Zustand des Programms
hr-digest-none = keine
hr-digest-unmatched = Teilnehmende ohne Partner
hr-digest-opt-outs = Ausgestiegen
hr-digest-bouncing-addresses = Unzustellbare Adressen
hr-digest-refused = Nachrichten abgewiesen / in Quarantäne
hr-digest-delivery-failures = Zustellfehler
hr-digest-waiting = Warten auf Versand
hr-digest-pending-since = { $count } (älteste seit { $oldest })
hr-digest-delivered-late = Verspätet zugestellt
hr-digest-late = { $count ->
    [one] 1 E-Mail wurde
   *[other] { $count } E-Mails wurden
} verspätet zugestellt, die längste nach { $longest }
hr-digest-late-error = { $count ->
    [one] 1 E-Mail wurde
   *[other] { $count } E-Mails wurden
} verspätet zugestellt, die längste nach { $longest } (letzter Fehler: { $error })

hr-digest-from-feedback = Aus den Rückmeldungen
hr-digest-footer = Sie erhalten diesen Überblick als Koordinator:in von { $program }. Antworten darauf werden nicht gelesen: Um Teilnehmende zu erreichen, schreiben Sie ihnen direkt.
