-- upward schema, version 1. Never edit this file after it ships: add a new migration.

CREATE TABLE participants (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    level         INTEGER NOT NULL,
    department    TEXT,
    timezone      TEXT NOT NULL,
    -- active | paused | stopped | left | forgotten
    status        TEXT NOT NULL DEFAULT 'active',
    paused_until  TEXT,
    bouncing      INTEGER NOT NULL DEFAULT 0,
    joined_at     TEXT NOT NULL,
    left_at       TEXT,
    updated_at    TEXT NOT NULL
);

CREATE TABLE rounds (
    id          INTEGER PRIMARY KEY,
    number      INTEGER NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    reason      TEXT NOT NULL
);

CREATE TABLE pairs (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    mentor_id    INTEGER NOT NULL REFERENCES participants(id),
    mentee_id    INTEGER NOT NULL REFERENCES participants(id),
    score        INTEGER NOT NULL,
    reasons      TEXT NOT NULL,
    -- active | ended
    status       TEXT NOT NULL DEFAULT 'active',
    created_at   TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT,
    UNIQUE (round_id, mentor_id, mentee_id)
);
CREATE INDEX pairs_mentor ON pairs(mentor_id);
CREATE INDEX pairs_mentee ON pairs(mentee_id);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    envelope_from    TEXT NOT NULL,
    message_id       TEXT NOT NULL UNIQUE,
    body             BLOB NOT NULL,
    -- pending | sending | sent | failed | suppressed
    state            TEXT NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

CREATE TABLE inbound (
    id              INTEGER PRIMARY KEY,
    -- the Message-ID, or sha256 of the bytes when there is none
    dedup_key       TEXT NOT NULL UNIQUE,
    message_id      TEXT,
    sha256          TEXT NOT NULL,
    source          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    sender          TEXT,
    pair_id         INTEGER REFERENCES pairs(id),
    -- reply | auto_reply | bounce | command | conversation | unrouted | rejected
    classification  TEXT,
    -- processed | quarantined | refused
    status          TEXT NOT NULL,
    reason          TEXT,
    raw             BLOB
);
CREATE INDEX inbound_status ON inbound(status);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    pair_id     INTEGER NOT NULL REFERENCES pairs(id),
    met         INTEGER NOT NULL,
    date        TEXT,
    minutes     INTEGER,
    topics      TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL
);
CREATE INDEX sessions_pair_date ON sessions(pair_id, date);

CREATE TABLE feedback (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER REFERENCES sessions(id),
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    inbound_id      INTEGER REFERENCES inbound(id),
    rating          INTEGER CHECK (rating BETWEEN 1 AND 5),
    notes           TEXT,
    -- 1 when something could not be understood and HR should read it
    flagged         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE INDEX feedback_session ON feedback(session_id);

CREATE TABLE schedule_state (
    job          TEXT PRIMARY KEY,
    last_run_at  TEXT NOT NULL,
    next_run_at  TEXT
);

CREATE TABLE events (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    subject  TEXT,
    detail   TEXT
);
CREATE INDEX events_kind_at ON events(kind, at);
