-- What went on from one partner to the other, one row per message passed on: the guard
-- against two auto-responders answering each other for ever compares the words' hash, and
-- caps how many go on a day. The words themselves stay in the inbound row's message only.
CREATE TABLE relays (
    inbound_id    INTEGER PRIMARY KEY REFERENCES inbound(id),
    pair_id       INTEGER NOT NULL REFERENCES pairs(id),
    sender_id     INTEGER NOT NULL REFERENCES participants(id),
    words_sha256  TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX relays_sender ON relays(sender_id, pair_id, at);

-- The prompt cadence asks what each person got lately.
CREATE INDEX outbox_created ON outbox(created_at);
