nudge-subject = { $first } and { $second }: time for a catch-up?
nudge-silence = We have not heard about a meeting between you two for { $days ->
    [one] { $days } day
   *[other] { $days } days
}. Even 20 minutes over a coffee counts. When you have met, reply to this email and say how it went.
nudge-goals = Your goals together:
nudge-pause = If now is a bad time, reply PAUSE (or PAUSE UNTIL a date); reply HELP for everything else.
