-- upward schema, version 5: bounce scoring (Mailman's rule). Never edit after it ships.

-- Hard bounces counted on distinct days; the address is disabled (`bouncing` = 1, kept,
-- never deleted) when the score reaches `[outbox] bounce_threshold`.
ALTER TABLE participants ADD COLUMN bounce_score INTEGER NOT NULL DEFAULT 0;
-- The UTC day (YYYY-MM-DD) the score last rose: it rises at most once a day.
ALTER TABLE participants ADD COLUMN bounce_day TEXT;
