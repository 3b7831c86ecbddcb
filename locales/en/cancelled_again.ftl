# The cancelled_again email (templates/cancelled_again.*.j2).
cancelled-again-subject = { $program }: finding a time that works with { $first }
cancelled-again-body = Your last two meetings with { $first } had to be cancelled on your side. Busy weeks happen, and this is only a friendly word, so that the time you set aside together keeps working for you.
cancelled-again-helps = What often helps:
cancelled-again-shorter = a shorter meeting: twenty minutes is plenty;
cancelled-again-slot = a fixed slot, every other week, in both calendars;
# Followed by the partner's address in brackets.
cancelled-again-early = telling { $first } early when a date will not work
# Around the words PAUSE UNTIL (a command in English in every language, with a date
# written 2027-03-15).
cancelled-again-pause = If now is not a good time at all, reply
cancelled-again-pause-after = and a date, alone on the first line, and we will not ask until then. If something else is in the way, just reply to this email: it reaches { $coordinator }, who is glad to help.
