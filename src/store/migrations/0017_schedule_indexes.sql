-- What the prompt job reads at every run, without reading the whole outbox and feedback
-- tables: the prompts that went out (their keys name the pair and the person), and when
-- each pair last reported. Both are covering indexes (the prompts' one names the columns of its
-- condition too, so SQLite reads the index alone).
CREATE INDEX outbox_prompts ON outbox(created_at, idempotency_key, kind, state)
    WHERE kind = 'prompt' AND state <> 'suppressed';
CREATE INDEX feedback_last ON feedback(pair_id, created_at);
