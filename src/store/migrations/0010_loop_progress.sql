-- What each loop of the daemon (scheduler, sender, reader) was last seen doing, written by
-- the daemon when a loop did work or was found stalled, for `upward status`.
CREATE TABLE loop_progress (
    loop        TEXT PRIMARY KEY,
    state       TEXT NOT NULL CHECK (state IN ('waiting', 'working', 'stalled')),
    -- when the pass in progress started (working, stalled); NULL while waiting
    busy_since  TEXT,
    -- when a pass last ended, and when one that did something last ended
    last_pass   TEXT NOT NULL,
    last_work   TEXT,
    updated_at  TEXT NOT NULL
);
