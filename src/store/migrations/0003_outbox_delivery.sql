-- upward schema, version 3: what the outbound sender needs. Never edit after it ships.

-- A row in `sending` belongs to the sender until this instant; after it, a restarted sender
-- may claim it again (at most one duplicate, with the same Message-ID, per crash).
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
-- 1 for mail that goes out even to someone paused or stopped: the answer to that command.
ALTER TABLE outbox ADD COLUMN always_send INTEGER NOT NULL DEFAULT 0;
