hr-digest-period = { $from_day } t/m { $day } { $month } { $year }
hr-digest-period-months = { $from_day } { $from_month } t/m { $day } { $month } { $year }
hr-digest-period-years = { $from_day } { $from_month } { $from_year } t/m { $day } { $month } { $year }
hr-digest-day = { $day } { $month } { $year }
hr-digest-week-label = %-d %b

hr-digest-subject = { $program }, { $period }: { $sessions ->
    [one] { $sessions } afspraak
   *[other] { $sessions } afspraken
}, { $percent } van de koppels spreekt af
hr-digest-title = Overzicht { $period }
hr-digest-html-title = { $program }: overzicht { $period }

hr-digest-sessions = Afspraken
hr-digest-to-date = { $count } tot nu toe
hr-digest-trend-same = evenveel als de vorige week
hr-digest-trend-up = ▲ { $diff } ten opzichte van vorige week
hr-digest-trend-down = ▼ { $diff } ten opzichte van vorige week
hr-digest-hours = Uren
hr-digest-hours-to-date = { $hours } u tot nu toe
hr-digest-pairs-meeting = Actieve koppels
hr-digest-pairs-met = { $met } van { $pairs ->
    [one] 1 koppel
   *[other] { $pairs } koppels
} spraken af in de laatste 30 dagen
hr-digest-average-rating = Gemiddelde beoordeling
hr-digest-rating-note = op 5, uit { $ratings ->
    [one] 1 beoordeling
   *[other] { $ratings } beoordelingen
} tot nu toe
hr-digest-no-ratings = nog geen beoordelingen
hr-digest-ratings-hidden = zichtbaar vanaf { $min } beoordelingen (nu { $count })

hr-digest-sessions-per-week = Afspraken per week
hr-digest-chart-note-text = (> markeert de week van dit overzicht; ★ de gemiddelde beoordeling van de week, zichtbaar vanaf { $min } beoordelingen)
hr-digest-chart-note = Oranje: de week van dit overzicht.
hr-digest-chart-star-note = gemiddelde beoordeling die week, zichtbaar vanaf { $min } beoordelingen.
hr-digest-earlier = eerdere { $weeks } weken: { $sessions } afspraken
hr-digest-earlier-html = Eerdere { $weeks } weken: { $sessions } afspraken
hr-digest-ratings-to-date = Beoordelingen tot nu toe
hr-digest-no-ratings-note = Nog geen beoordelingen.
hr-digest-ratings-hidden-note = Beoordelingen worden getoond zodra { $min } mensen hebben geantwoord (nu { $count }), zodat niemands antwoord herkenbaar is.

hr-digest-needs-a-word = Verdient aandacht
hr-digest-all-well = Alle koppels hebben recent contact gehad. Niets vraagt om je aandacht.
hr-digest-suggested = Voorstel voor { $about }: { $suggestion }
hr-digest-gone-silent = Stil geworden
hr-digest-silent-days = { $pair }: { $days ->
    [one] 1 dag
   *[other] { $days } dagen
} geen contact
hr-digest-silent-suggestion = beiden mailen en hulp aanbieden
hr-digest-silent-mail-subject = { $program }: hoe gaat het?
hr-digest-silent-mail-body =
    Hallo { $mentor } en { $mentee },

    Het viel me op dat jullie al een paar weken geen contact hebben gehad. Lukt het om deze week 20 minuten te vinden? Als er iets in de weg zit (tijd, onderwerpen, de koppeling zelf), laat het me weten, dan help ik graag.

    Bedankt,
hr-digest-cancelling = Steeds weer afgezegd (ze kregen al een vriendelijk berichtje)
hr-digest-who = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentee
})
hr-digest-cancelled-line = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentee
}) zegde de laatste { $times } afspraken met { $partner } af
hr-digest-cancelling-suggestion = vragen of het tijdstip nog past; een kortere afspraak, een pauze of een nieuwe partner voorstellen
hr-digest-cancelling-mail-subject = { $program }: een moment vinden met { $partner }
hr-digest-cancelling-mail-body =
    Hallo { $name },

    Ik zag dat je laatste afspraken met { $partner } niet door konden gaan. Past het tijdstip nog voor je? Een kortere afspraak, een pauze of een andere partner is allemaal prima; laat me weten wat zou helpen.

    Bedankt,
hr-digest-contradictions = Verslagen die elkaar tegenspreken (de een zegt dat ze elkaar zagen, de ander niet)
hr-digest-never-met = Nog niet afgesproken
hr-digest-opted-out = Afgemeld in deze periode (een persoonlijk gesprek vertelt je misschien waarom)
hr-digest-opted-out-on = { $name }, op { $day }
hr-digest-opted-out-said = { $name }, op { $day }: ‘{ $words }’
hr-digest-without-partner = Zonder partner (`upward pair --fill` koppelt hen zodra iemand past)
hr-digest-bouncing = Mail komt niet aan (controleer het adres, daarna `upward reenable EMAIL`)
hr-digest-cancelled = { $count ->
    [one] 1 afspraak
   *[other] { $count } afspraken
} afgezegd in deze periode: { $mentors } door mentoren, { $mentees } door mentees.
hr-digest-senior-side = De meeste afzeggingen komen van de ervaren kant, de meest voorkomende manier waarop reverse mentoring verwatert: een woordje van hun sponsor helpt.

hr-digest-topics = Onderwerpen
hr-digest-topics-both-ways = Onderwerpen, in beide richtingen
hr-digest-mentors-taught = Mentoren brachten bij
hr-digest-mentees-taught = Mentees brachten terug bij
hr-digest-none-logged = nog niets vastgelegd

hr-digest-program-health = Gezondheid van het programma
hr-digest-none = geen
hr-digest-unmatched = Deelnemers zonder partner
hr-digest-opt-outs = Afgemeld
hr-digest-bouncing-addresses = Onbereikbare adressen
hr-digest-refused = Berichten geweigerd / in quarantaine
hr-digest-delivery-failures = Mislukte bezorgingen
hr-digest-waiting = Wacht op verzending
hr-digest-pending-since = { $count } (oudste in de wachtrij sinds { $oldest })
hr-digest-delivered-late = Te laat bezorgd
hr-digest-late = { $count ->
    [one] 1 e-mail werd
   *[other] { $count } e-mails werden
} te laat bezorgd, de langste na { $longest }
hr-digest-late-error = { $count ->
    [one] 1 e-mail werd
   *[other] { $count } e-mails werden
} te laat bezorgd, de langste na { $longest } (laatste fout: { $error })

hr-digest-from-feedback = Uit de feedback
hr-digest-footer = Je krijgt dit overzicht als coördinator van { $program }. Antwoorden hierop worden niet gelezen: mail deelnemers rechtstreeks om hen te bereiken.
