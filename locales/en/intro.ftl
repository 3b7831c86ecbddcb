# The intro email (templates/intro.*.j2).
intro-subject = { $first } and { $second }: meet your reverse-mentoring partner
# Followed by the program's name and a full stop.
intro-welcome = Welcome to
intro-partners = You two are partners for this round.
intro-new-for-both = This is a new partner for both of you.
intro-new-for-one = { $name }, this is a new partner for you.
# After the mentor's name (and department).
intro-mentor-role = is the mentor: the one who teaches.
# After the mentee's name (and department).
intro-mentee-role = is the mentee, and mentors back on career and the business.
intro-why = Why you were matched:
intro-why-default = you would not otherwise meet, and each of you has something to offer the other
# The pairing's reasons, one each.
intro-reason-fixed = fixed by HR
intro-reason-mentor-teaches = { $mentor } can teach { $mentee }: { $topics }
intro-reason-mentee-helps = { $mentee } can help { $mentor } with: { $topics }
intro-reason-no-topic = no topic in common
intro-reason-no-overlap = no shared working hours
intro-reason-overlap = { $duration } of shared working hours
intro-reason-departments = different departments
intro-topics = Topics to start with:
intro-mentor-shows = { $mentor } could show { $mentee }: { $topics }
intro-mentee-shares = { $mentee } could share with { $mentor }: { $topics }
intro-topics-open = whatever each of you is curious about: there is no agenda to follow.
intro-meeting = A first { $minutes }-minute meeting is proposed in the attached invitation:
intro-meeting-choose = Accept it, move it, or pick any other time that suits you both.
intro-reach = To reach each other: reply to this email and your partner gets your message, files included. Or write directly:
# Followed by the goal word (intro-goal-word), then intro-goals-example.
intro-goals = One thing to do together first: agree on one to three goals for these months, and reply to this email with them, one per line, each starting with
# The word a goal's line starts with: one the program reads (src/inbound/goals.rs).
intro-goal-word = Goal:
intro-goals-example = (for example "Goal: use AI tools for my weekly report"). We will remind you of them, and at the end ask how far you got.
intro-how = How this works: meet when you like, for as long as you like. Every so often you will get a short email asking how it went; just reply to it. Reply with PAUSE, RESUME, STOP or HELP alone on the first line at any time.
