# What the answer is about, as its subject says; a command's word as the reader writes it.
command-about-pause = PAUSE
command-about-resume = RESUME
command-about-skip = SKIP
command-about-rematch = REMATCH
command-about-stop = STOP
command-about-forget-me = FORGET ME
command-about-help = HELP
command-about-join = JOIN
command-about-confirmation = confirmation
command-about-goals = your goals
command-about-not-passed-on = message not passed on
command-about-passed-on = message passed on
command-about-not-logged = message not logged

# The answers (program, coordinator and the values named are given).
command-help = Here is what you can tell us. Write one of these alone on the first line of a reply.
command-already-stopped = You had already left the program; nothing more will be sent to you.
command-stopped = You have left { $program }. This is the last email you will get from us.
command-left-earlier = You left the program earlier (STOP), so nothing was changed. To come back, write to { $coordinator }.
command-pause-not-understood = Nothing was changed: we could not read `{ $date }` as a future date; write PAUSE UNTIL 2026-12-01.
command-paused = You are paused: no prompts or reminders until you reply RESUME.
command-paused-until = You are paused until { $day }: emails start again on that day, or earlier if you reply RESUME.
command-resumed = Welcome back: you will get prompts and reminders again.
command-not-paused = You were not paused, so nothing changed: you get prompts and reminders as usual.
command-skipped = Done: your next prompt will be skipped. Everything else stays as it is.
command-no-pairing = You have no current pairing to change, so nothing was changed. You will be paired at the next round.
command-rematched = Your pairing has ended and you have a new partner: an introduction is on its way.
command-rematch-waits = Your pairing has ended. Nobody who fits is free right now; you will be paired again as soon as someone is, at the latest at the next round.
command-confirm-first = { $command ->
    [STOP] We read your message as asking to leave { $program }. Nothing has changed yet: leaving ends your pairing and cannot be undone by email. To leave, reply with STOP alone on the first line. If that is not what you meant, there is nothing to do.
   *[other] We read your message as asking for a new partner. Nothing has changed yet: a new partner ends your current pairing. To ask for one, reply with REMATCH alone on the first line. If that is not what you meant, there is nothing to do.
}
command-goals-noted = Your goals for this pairing are noted:
command-goal = {"  "}{ $number }. { $goal }
command-goals-remind = The questions about your meetings will remind you of them, and at the end we will ask how far you got. To change them, reply with new "Goal:" lines.
command-outcomes-noted = Thank you for saying how far you got:
command-goal-outcome = {"  "}goal { $number }: { $outcome ->
    [reached] reached
    [partly] partly reached
   *[not_reached] not reached yet
}
command-partner-unreachable = We could not pass your message on to { $partner }: mail to them is not getting through at the moment. It is kept in the program's log. To reach them, write to { $email } directly, or ask { $coordinator } for help.
command-passed-on = What you wrote needs a person, so it went to { $coordinator }, who runs the program and will answer you. You can also write to { $coordinator } directly.
command-not-logged-forged = Your message was not logged: the address you wrote to is not one we gave out, or it was changed on the way. Please reply directly to the latest email you got from us.
command-not-logged-address = Your message was not logged: it came from an address that this conversation does not belong to. Please reply from the address the program writes to.
command-not-logged-ended = Your message was not logged: it answers an email about a pairing that has ended. Please reply to the latest email you got from us.
command-not-logged-no-pair = Your message was not logged: you have no current partner to log it for. You will hear from us when you are paired.
command-not-logged-several = Your message was not logged: you have more than one partner, so please reply to the latest email about the partner you mean.
command-not-logged-commands = Your message was not logged: this email takes commands only. To tell us about a meeting, reply to the latest email about your pairing.
command-answered-already = That email was answered already, and each works once: nothing more was done.
command-expired = That request waited more than { $days ->
    [one] { $days } day
   *[other] { $days } days
}, so nothing was done. If you still want it, write to us again.
command-not-sent = Thank you: nothing was done with it. If someone is writing in your name, { $coordinator } can help.
command-forgotten = Done: your name, your address, your notes and the messages you sent us have been deleted; only anonymous counts remain. This is the last email you will get from us.
command-forget-waits = Nothing was deleted yet. To confirm, reply to that email with FORGET ME alone on the first line.
command-held-gone = The message could no longer be found, so nothing was done. Please send it again.
command-join-already-in = You already take part in { $program }, so there is nothing to join. To ask about your pairing, write to { $coordinator }.
command-join-already-asked = Your request to join { $program } is with the coordinator already. You will hear as soon as they decide.
command-join-incomplete = Thank you for wanting to join { $program }! The form needs a little more before it can go to the coordinator:
command-join-problem = - { $field ->
    [name] Name
    [role] Role
    [department] Department
    [level] Level
    [teaches] Teaches
    [learns] Learns
    [languages] Languages
    [timezone] Time zone
   *[hours] Hours
}: { $kind ->
    [missing] missing
    [no-topic] no topic: write at least one of “Teaches:” and “Learns:”
   *[unusable] “{ $value }” cannot be used: write it as the example in the form shows
}
command-join-again = Please send JOIN again, alone on the first line, with the form below filled in (one line each; lists separated by ;):
command-join-form-first = JOIN
command-join-form-line = { $field ->
    [name] Name: your name as colleagues know it (else the name your email shows)
    [role] Role: mentor (you teach: technology, new ways of working) or mentee (you learn them)
    [department] Department: Customer Care
    [level] Level: your grade as a number, bigger is more senior, e.g. 3
    [teaches] Teaches: ai tools; short video
    [learns] Learns: career; negotiation
    [languages] Languages: English; Spanish
    [timezone] Time zone: Europe/London
   *[hours] Hours: 09:00-17:30
}
command-join-sent = Thank you for wanting to join { $program }! Your request went to the coordinator, who decides who takes part. You will hear from us by email either way.

# The email around the answer.
command-cancelled = The first meeting we proposed for { $meeting } is cancelled: the calendar invitation in this email removes it from your calendar.
command-list = The commands you can reply with, alone on the first line:
command-list-pause = PAUSE (or PAUSE UNTIL 2027-03-01)
command-list-item = { $command }: { $does }
command-does-pause = no emails until you resume
command-does-resume = emails again
command-does-skip = skip the next prompt
command-does-rematch = ask for a new partner at the next round
command-does-stop = leave the program
command-does-forget-me = leave, and delete what was logged about you
command-does-help = this list
