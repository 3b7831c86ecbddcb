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

-- A pair's goals, one to three, as either partner wrote them ("Goal: ..." lines). A new set
-- does not overwrite the old one: the old rows get `replaced_at`, so every set anyone wrote
-- stays in the log. At the end the partners say how far they got (`outcome`).
CREATE TABLE goals (
    id           INTEGER PRIMARY KEY,
    pair_id      INTEGER NOT NULL REFERENCES pairs(id),
    position     INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    text         TEXT NOT NULL,
    set_by       INTEGER NOT NULL REFERENCES participants(id),
    inbound_id   INTEGER REFERENCES inbound(id),
    set_at       TEXT NOT NULL,
    replaced_at  TEXT,
    outcome      TEXT CHECK (outcome = 'reached' OR outcome = 'partly' OR outcome = 'not_reached'),
    outcome_by   INTEGER REFERENCES participants(id),
    outcome_at   TEXT
);
CREATE INDEX goals_pair ON goals(pair_id, replaced_at);
