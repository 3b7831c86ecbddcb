# The closing email (templates/closing.*.j2).
closing-subject = { $program } is ending: a last look back
closing-thanks = { $program } ends on { $end }. Thank you for the time you gave { $names }.
# Between the last two names of a list.
closing-and = and
closing-question = One last question, answered in your own words: what did you learn, and what will you keep doing? A few lines are plenty. You can also give the whole program a rating:
# The form: labels the program reads (src/inbound/text.rs, field_of).
closing-form-rating = Rating 1-5:
closing-form-notes = Notes:
closing-goals = How far did you get with your goals? Answer each with reached, partly or not yet:
# A goal's line to fill in: the word and the answers the program reads (src/inbound/goals.rs).
closing-goal-line = Goal { $number }: reached / partly / not yet
# Followed by the address of that pair and a full stop.
closing-about = About { $first }: to tell us what you learned together, write to
closing-about-goals = About { $first }: to tell us what you learned together and how far you got with your goals, write to
