-- upward schema, version 13: every status and kind kept as text checks its words, the same
-- lists as the enums of src/vocab.rs (the store's tests compare them). SQLite cannot add a
-- CHECK to a column, so each table is rebuilt: a checked copy, every row copied, the old
-- table dropped and the copy renamed, its indexes made again. The migration runs with
-- foreign keys off (the rows keep their ids, so every reference still holds) and checks
-- them all before it commits. Never edit after it ships.
-- A list of words is written `x = 'a' OR x = 'b' OR …`, not `x IN ('a', 'b', …)`: for an IN
-- list of more than two constants SQLite builds a small table each time the constraint is
-- checked, which made every insert of a message or an email about 5 µs slower.

CREATE TABLE participants_checked (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    level         INTEGER NOT NULL,
    department    TEXT,
    timezone      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status = 'active' OR status = 'paused' OR status = 'stopped' OR
                         status = 'left' OR status = 'forgotten'),
    paused_until  TEXT,
    bouncing      INTEGER NOT NULL DEFAULT 0,
    joined_at     TEXT NOT NULL,
    left_at       TEXT,
    updated_at    TEXT NOT NULL,
    bounce_score  INTEGER NOT NULL DEFAULT 0,
    bounce_day    TEXT
);
INSERT INTO participants_checked (id, email, name, role, level, department, timezone, status,
                                  paused_until, bouncing, joined_at, left_at, updated_at,
                                  bounce_score, bounce_day)
    SELECT id, email, name, role, level, department, timezone, status, paused_until, bouncing,
           joined_at, left_at, updated_at, bounce_score, bounce_day
    FROM participants;
DROP TABLE participants;
ALTER TABLE participants_checked RENAME TO participants;

CREATE TABLE pairs_checked (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    mentor_id    INTEGER NOT NULL REFERENCES participants(id),
    mentee_id    INTEGER NOT NULL REFERENCES participants(id),
    score        INTEGER NOT NULL,
    reasons      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    created_at   TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT,
    UNIQUE (round_id, mentor_id, mentee_id)
);
INSERT INTO pairs_checked (id, round_id, mentor_id, mentee_id, score, reasons, status,
                           created_at, ended_at, end_reason)
    SELECT id, round_id, mentor_id, mentee_id, score, reasons, status, created_at, ended_at,
           end_reason
    FROM pairs;
DROP TABLE pairs;
ALTER TABLE pairs_checked RENAME TO pairs;
CREATE INDEX pairs_mentor ON pairs(mentor_id);
CREATE INDEX pairs_mentee ON pairs(mentee_id);

CREATE TABLE outbox_checked (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL
                     CHECK (kind = 'intro' OR kind = 'prompt' OR kind = 'nudge' OR kind = 'confirmation' OR
                            kind = 'command' OR kind = 'hr_digest' OR kind = 'participant_digest' OR
                            kind = 'closing' OR kind = 'challenge' OR kind = 'partner_left' OR
                            kind = 'unmatched' OR kind = 'ending_soon' OR kind = 'pause_ended' OR
                            kind = 'relay' OR kind = 'forward' OR kind = 'partner_paused' OR
                            kind = 'cancelled_again' OR kind = 'meeting_cancelled' OR
                            kind = 'final_report' OR kind = 'join_request' OR kind = 'join_confirm' OR
                            kind = 'join_approved' OR kind = 'join_declined'),
    recipient        TEXT NOT NULL,
    envelope_from    TEXT NOT NULL,
    message_id       TEXT NOT NULL UNIQUE,
    state            TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state = 'pending' OR state = 'sending' OR state = 'sent' OR state = 'failed' OR
                            state = 'suppressed'),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    lease_until      TEXT,
    always_send      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO outbox_checked (id, idempotency_key, kind, recipient, envelope_from, message_id,
                            state, attempts, next_attempt_at, last_error, created_at, sent_at,
                            lease_until, always_send)
    SELECT id, idempotency_key, kind, recipient, envelope_from, message_id, state, attempts,
           next_attempt_at, last_error, created_at, sent_at, lease_until, always_send
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_checked RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

CREATE TABLE inbound_checked (
    id              INTEGER PRIMARY KEY,
    -- the Message-ID, or sha256 of the bytes when there is none
    dedup_key       TEXT NOT NULL UNIQUE,
    message_id      TEXT,
    sha256          TEXT NOT NULL,
    source          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    sender          TEXT,
    pair_id         INTEGER REFERENCES pairs(id),
    classification  TEXT
                    CHECK (classification = 'reply' OR classification = 'conversation' OR
                           classification = 'command' OR classification = 'confirmation' OR
                           classification = 'auto_reply' OR classification = 'read_receipt' OR
                           classification = 'delivery_report' OR classification = 'delayed' OR
                           classification = 'bounce' OR classification = 'complaint' OR
                           classification = 'quarantined' OR classification = 'rejected' OR
                           classification = 'tempfail' OR classification = 'unrouted'),
    status          TEXT NOT NULL
                    CHECK (status = 'processed' OR status = 'quarantined' OR status = 'held' OR
                           status = 'refused'),
    reason          TEXT,
    raw             BLOB
);
INSERT INTO inbound_checked (id, dedup_key, message_id, sha256, source, received_at, sender,
                             pair_id, classification, status, reason, raw)
    SELECT id, dedup_key, message_id, sha256, source, received_at, sender, pair_id,
           classification, status, reason, raw
    FROM inbound;
DROP TABLE inbound;
ALTER TABLE inbound_checked RENAME TO inbound;
CREATE INDEX inbound_status ON inbound(status);
CREATE INDEX inbound_sender ON inbound(sender);
