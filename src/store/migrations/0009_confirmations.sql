-- Requests that wait for a reply to a single-use token, which only the person's own mailbox
-- receives: a message that cannot be proven its sender's ("did you send this?"), held until
-- confirmed, and FORGET ME.
CREATE TABLE confirmations (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    kind            TEXT NOT NULL CHECK (kind IN ('message', 'forget')),
    -- the message held, or the FORGET ME asked for
    inbound_id      INTEGER NOT NULL REFERENCES inbound(id),
    state           TEXT NOT NULL DEFAULT 'waiting'
                    CHECK (state IN ('waiting', 'confirmed', 'declined', 'expired')),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    -- the reply that confirmed or declined it
    answered_by     INTEGER REFERENCES inbound(id),
    answered_at     TEXT
);
CREATE INDEX confirmations_waiting ON confirmations(participant_id) WHERE state = 'waiting';

-- FORGET ME is confirmed through a confirmation's token now, no longer by a second FORGET ME
-- from the same address (which anyone could forge): requests waiting under that rule lapse.
DROP TABLE forget_requests;
