# The HR digest (templates/hr_digest.*.j2 and the sentences src/digest/view.rs asks for).
# The periods and the charts' week labels here serve the final report and a participant's
# digest too.

## Periods: days as numbers, months by name in the language, years as written.
hr-digest-period = { $from_day } to { $day } { $month } { $year }
hr-digest-period-months = { $from_day } { $from_month } to { $day } { $month } { $year }
hr-digest-period-years = { $from_day } { $from_month } { $from_year } to { $day } { $month } { $year }
hr-digest-day = { $day } { $month } { $year }
# A week's Monday in the charts: chrono's strftime pattern (%b: the month's short name).
hr-digest-week-label = %-d %b

hr-digest-subject = { $program }, { $period }: { $sessions } sessions, { $percent } of pairs meeting
hr-digest-title = Digest for { $period }
hr-digest-html-title = { $program }: digest for { $period }

## The headline figures.
hr-digest-sessions = Sessions
hr-digest-to-date = { $count } to date
hr-digest-trend-same = as many as the week before
hr-digest-trend-up = ▲ { $diff } on the week before
hr-digest-trend-down = ▼ { $diff } on the week before
hr-digest-hours = Hours
hr-digest-hours-to-date = { $hours } h to date
hr-digest-pairs-meeting = Pairs meeting
hr-digest-pairs-met = { $met } of { $pairs ->
    [one] 1 pair
   *[other] { $pairs } pairs
} met in the last 30 days
hr-digest-average-rating = Average rating
hr-digest-rating-note = out of 5, from { $ratings ->
    [one] 1 rating
   *[other] { $ratings } ratings
} to date
hr-digest-no-ratings = no ratings yet
hr-digest-ratings-hidden = shown from { $min } ratings ({ $count } so far)

## The charts.
hr-digest-sessions-per-week = Sessions per week
hr-digest-chart-note-text = (> marks this digest's week; ★ the week's average rating, shown from { $min } ratings)
hr-digest-chart-note = Orange: this digest's week.
hr-digest-chart-star-note = average rating that week, shown from { $min } ratings.
hr-digest-earlier = earlier { $weeks } weeks: { $sessions } sessions
hr-digest-earlier-html = Earlier { $weeks } weeks: { $sessions } sessions
hr-digest-ratings-to-date = Ratings to date
hr-digest-no-ratings-note = No ratings yet.
hr-digest-ratings-hidden-note = Ratings are shown once { $min } people have answered ({ $count } so far), so no one's answer can be singled out.

## The pairs that need a word.
hr-digest-needs-a-word = Needs a word
hr-digest-all-well = Every pair has been in touch recently. Nothing needs your attention.
hr-digest-suggested = Suggested for { $about }: { $suggestion }
hr-digest-gone-silent = Gone silent
hr-digest-silent-days = { $pair }: { $days } days since last contact
hr-digest-silent-suggestion = write to both and offer help
hr-digest-silent-mail-subject = { $program }: how is it going?
hr-digest-silent-mail-body =
    Hello { $mentor } and { $mentee },

    I noticed you have not been in touch for a few weeks. Could you find 20 minutes this week? If something is in the way (time, topics, the pairing itself), tell me and I will help.

    Thank you,
hr-digest-cancelling = Cancelled again and again (they had a gentle note)
hr-digest-who = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentee
})
hr-digest-cancelled-line = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentee
}) cancelled the last { $times } meetings with { $partner }
hr-digest-cancelling-suggestion = ask whether the time still works; offer a shorter slot, a pause or a new partner
hr-digest-cancelling-mail-subject = { $program }: finding a time with { $partner }
hr-digest-cancelling-mail-body =
    Hello { $name },

    I saw that your last meetings with { $partner } could not happen. Is the time still working for you? A shorter slot, a pause or a different partner are all fine; tell me what would help.

    Thank you,
hr-digest-contradictions = Reports that contradict each other (one says they met, the other not)
hr-digest-never-met = Not met yet
hr-digest-opted-out = Opted out this period (a word in person may tell you why)
hr-digest-opted-out-on = { $name }, on { $day }
hr-digest-opted-out-said = { $name }, on { $day }: “{ $words }”
hr-digest-without-partner = Without a partner (`upward pair --fill` pairs them when someone fits)
hr-digest-bouncing = Mail does not reach them (check the address, then `upward reenable EMAIL`)
hr-digest-cancelled = { $count ->
    [one] 1 meeting
   *[other] { $count } meetings
} cancelled this period: { $mentors } by mentors, { $mentees } by mentees.
hr-digest-senior-side = Most cancellations come from the senior side, the most common way reverse mentoring fades: a word from their sponsor helps.

## Topics.
hr-digest-topics = Topics
hr-digest-topics-both-ways = Topics, both ways
hr-digest-mentors-taught = Mentors taught
hr-digest-mentees-taught = Mentees taught back
hr-digest-none-logged = none logged yet

## The program's health.
hr-digest-program-health = Program health
hr-digest-none = none
hr-digest-unmatched = Unmatched participants
hr-digest-opt-outs = Opted out
hr-digest-bouncing-addresses = Bouncing addresses
hr-digest-refused = Messages refused / quarantined
hr-digest-delivery-failures = Delivery failures
hr-digest-waiting = Waiting to send
hr-digest-pending-since = { $count } (oldest queued { $oldest })
hr-digest-delivered-late = Delivered late
hr-digest-late = { $count ->
    [one] 1 email was
   *[other] { $count } emails were
} delivered late, the longest after { $longest }
hr-digest-late-error = { $count ->
    [one] 1 email was
   *[other] { $count } emails were
} delivered late, the longest after { $longest } (last error: { $error })

hr-digest-from-feedback = From the feedback
hr-digest-footer = You get this summary as the coordinator of { $program }. Replies to it are not read: to reach a participant, write to them directly.
