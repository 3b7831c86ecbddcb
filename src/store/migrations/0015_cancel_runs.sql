-- The run of missed meetings the same side of a pair cancelled, with no meeting between
-- (program::cancelled_in_a_row), kept on the pair after each report: the gentle note to
-- that person goes once as the run reaches two, and the HR digest lists the pairs at two
-- or more with a suggested action.
ALTER TABLE pairs ADD COLUMN cancel_run INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pairs ADD COLUMN cancel_side TEXT CHECK (cancel_side IN ('mentor', 'mentee'));

-- What someone wrote with their STOP besides the word itself ("STOP: no time this
-- quarter"): the HR digest shows it beside their name only under hr_feedback = "quotes".
-- FORGET ME blanks it.
ALTER TABLE participants ADD COLUMN left_words TEXT;
