-- upward schema, version 4: what inbound mail leaves behind besides sessions. Never edit
-- after it ships.

-- Explanatory replies to refused senders: at most one per address, reason and day, so no
-- mail loop can start and nobody is flooded.
CREATE TABLE notices (
    address  TEXT NOT NULL COLLATE NOCASE,
    reason   TEXT NOT NULL,
    -- YYYY-MM-DD in UTC
    day      TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (address, reason, day)
) WITHOUT ROWID;

-- SKIP: the next prompt to this participant is not sent. The prompt job consumes one open
-- row per prompt it leaves out (`used_for` = the occurrence it skipped).
CREATE TABLE prompt_skips (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    pair_id         INTEGER REFERENCES pairs(id),
    inbound_id      INTEGER REFERENCES inbound(id),
    requested_at    TEXT NOT NULL,
    used_for        TEXT
);
CREATE INDEX prompt_skips_open ON prompt_skips(participant_id) WHERE used_for IS NULL;

-- FORGET ME waits for a confirming FORGET ME within seven days.
CREATE TABLE forget_requests (
    participant_id  INTEGER PRIMARY KEY REFERENCES participants(id),
    inbound_id      INTEGER REFERENCES inbound(id),
    requested_at    TEXT NOT NULL
);

-- Addresses of erased participants, as SHA-256 of the lowercased address (never the address
-- itself): a forgotten person whom HR's file adds back is not written to again.
CREATE TABLE forgotten (
    address_sha256  TEXT PRIMARY KEY,
    at              TEXT NOT NULL
) WITHOUT ROWID;

-- FORGET ME removes a person's raw messages by sender.
CREATE INDEX inbound_sender ON inbound(sender);
