-- upward schema, version 13: every status and kind kept as text checks its words, the same
-- lists as the enums of src/vocab.rs (the store's tests compare them). SQLite cannot add a
-- CHECK to a column, so each table is rebuilt: a checked copy, every row copied, the old
-- table dropped and the copy renamed, its indexes made again. The migration runs with
-- foreign keys off (the rows keep their ids, so every reference still holds) and checks
-- them all before it commits. Never edit after it ships.

CREATE TABLE participants_checked (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    level         INTEGER NOT NULL,
    department    TEXT,
    timezone      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'paused', 'stopped', 'left', 'forgotten')),
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
                     CHECK (kind IN ('intro', 'prompt', 'nudge', 'confirmation', 'command',
                                     'hr_digest', 'participant_digest', 'closing', 'challenge',
                                     'partner_left', 'unmatched', 'ending_soon',
                                     'pause_ended', 'relay', 'forward',
                                     'partner_paused', 'cancelled_again', 'meeting_cancelled',
                                     'final_report', 'join_request', 'join_confirm', 'join_approved',
                                     'join_declined')),
    recipient        TEXT NOT NULL,
    envelope_from    TEXT NOT NULL,
    message_id       TEXT NOT NULL UNIQUE,
    state            TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
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
                    CHECK (classification IN ('reply', 'conversation', 'command', 'confirmation', 'auto_reply',
                                              'read_receipt', 'delivery_report', 'delayed',
                                              'bounce', 'complaint', 'quarantined', 'rejected',
                                              'tempfail', 'unrouted')),
    status          TEXT NOT NULL
                    CHECK (status IN ('processed', 'quarantined', 'held', 'refused')),
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
