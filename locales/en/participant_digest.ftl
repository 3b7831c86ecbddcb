# A participant's digest (templates/participant_digest.*.j2 and the sentences
# src/digest/view.rs asks for). Its period and dates are the HR digest's (hr_digest.ftl).
participant-digest-subject = Your { $program } digest: { $period }
participant-digest-html-title = { $program }: your digest
participant-digest-title = Your digest: { $period }
participant-digest-intro = Your reverse mentoring from { $period }:
participant-digest-meetings = Meetings: { $sessions } ({ $hours } h); since the start: { $sessions_to_date } ({ $hours_to_date } h)
participant-digest-topics = Topics: { $topics }
participant-digest-meetings-this-period = Meetings this period
participant-digest-hours-this-period = Hours this period
participant-digest-since-start = { $sessions } since the start
participant-digest-hours-since-start = { $hours } h since the start
# A partner: "your mentor", "your mentee".
participant-digest-your = { $role ->
    [mentor] your mentor
   *[other] your mentee
}
participant-digest-with = With { $name }, { $relation }
participant-digest-this-period = this period: { $sessions } meeting(s), { $hours } h
participant-digest-this-period-on = this period: { $sessions } meeting(s), { $hours } h, on { $topics }
participant-digest-since-the-start = since the start: { $sessions } meeting(s), { $hours } h
participant-digest-last-meeting = last meeting: { $day }
participant-digest-none-yet = none logged yet
participant-digest-html-this-period = This period: { $sessions } meeting(s), { $hours } h.
participant-digest-html-this-period-on = This period: { $sessions } meeting(s), { $hours } h, on { $topics }.
participant-digest-html-since = Since the start: { $sessions } meeting(s), { $hours } h. Last meeting: { $day }.
# The line of encouragement: $who is the partner's first name when there is one partner
# ($partners is 1), else empty.
participant-digest-not-yet = You and { $partners ->
    [one] { $who }
   *[other] your partners
} have not logged a meeting yet. The first one is the hardest to book: twenty minutes over a coffee is plenty, so why not suggest a time this week?
participant-digest-since = Your last meeting with { $partners ->
    [one] { $who }
   *[other] your partners
} was { $days } days ago. A short catch-up keeps the conversation going; even twenty minutes counts.
participant-digest-met = { $meetings ->
    [one] One meeting with { $partners ->
        [one] { $who }
       *[other] your partners
    } this period: a good pace. What would you like to explore next time?
   *[other] { $meetings } meetings with { $partners ->
        [one] { $who }
       *[other] your partners
    } this period: that is the rhythm that makes reverse mentoring work. Keep it going!
}
participant-digest-next = After your next meeting, just reply to the last prompt and tell us how it went.
participant-digest-help = Reply HELP for the list of commands, or STOP to leave the program.
