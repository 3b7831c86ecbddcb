-- upward schema version 6: answers drafted with a message's effects, composed afterwards.
-- Never edit after it ships.

-- An answer to an inbound message (a confirmation, a command's answer, a notice), written
-- in the transaction that records the message: what the email says, as JSON, and the
-- Message-ID of the mail it continues. Composing it into the outbox (templates, headers,
-- tokens) happens after the batch commits; the row is deleted in the transaction that
-- queues the email, so a draft is composed exactly once even across a crash.
CREATE TABLE drafts (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    recipient        TEXT NOT NULL,
    answer           TEXT NOT NULL,
    parent           TEXT,
    created_at       TEXT NOT NULL
);
