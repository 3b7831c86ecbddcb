# The confirmation email (templates/confirmation.*.j2).
confirmation-subject-meeting = Logged: your meeting with { $first }
confirmation-subject-update = Logged: your update with { $first }
confirmation-thanks = Thank you.
confirmation-correction = We took your message as a correction of your earlier report and changed only what you wrote. The report now reads:
confirmation-retraction = We took your message as saying you did not meet after all: that meeting is marked as not having taken place (it stays in the log, out of the figures).
confirmation-logged = This is what we logged:
# What was logged, with the short form's labels (src/inbound/text.rs, field_of), so that a
# correction can copy them.
confirmation-met-yes = Met: yes
confirmation-met-not-yet = Met: not yet
confirmation-date = Date: { $value }
confirmation-minutes = Minutes: { $value }
confirmation-topics = Topics: { $value }
confirmation-rating = Rating: { $value }
confirmation-not-given = not given
confirmation-wrong = If something is wrong, reply to this email with the correction.
# What a reply tried to say but could not be read: asked back, not guessed.
confirmation-unclear = We could not tell { $what } from your message: please reply with { $count ->
    [one] it
   *[other] them
}.
confirmation-unclear-met = whether you met
confirmation-unclear-date = the date
confirmation-unclear-minutes = how long you met
confirmation-unclear-rating = your rating
confirmation-or = or
# A command the report also asked for in sentences; $write is the line that does it.
confirmation-also-asked = You also asked { $command ->
    [PAUSE] for a pause
    [SKIP] to skip a prompt
    [RESUME] to get emails again
    [STOP] to leave the program
   *[REMATCH] for a new partner
}: a report does not do that by itself. To do it, reply with { $write } alone on the first line.
