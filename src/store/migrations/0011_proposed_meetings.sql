-- The first meeting each introduction proposed, by person: the next introduction of someone
-- with several partners proposes another hour.
CREATE TABLE proposed_meetings (
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    pair_id         INTEGER NOT NULL,
    starts_at       TEXT NOT NULL,
    PRIMARY KEY (participant_id, pair_id)
);
CREATE INDEX proposed_meetings_when ON proposed_meetings(participant_id, starts_at);
