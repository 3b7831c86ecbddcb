-- Requests to join the program (a JOIN email from someone not yet a participant), and
-- HR's answer to each. An approved person is also a row of `participants`; this row keeps
-- the form they filled in, so the daemon can pair them and `upward export participants`
-- can write them back in the CSV's format.
CREATE TABLE join_requests (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    level           INTEGER NOT NULL,
    department      TEXT,
    timezone        TEXT,
    languages       TEXT NOT NULL DEFAULT '',
    offers          TEXT NOT NULL DEFAULT '',
    wants           TEXT NOT NULL DEFAULT '',
    hours           TEXT,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status = 'unconfirmed' OR status = 'pending' OR status = 'approved' OR
                           status = 'declined'),
    -- The JOIN message, and the APPROVE or DECLINE that settled the request.
    inbound_id      INTEGER REFERENCES inbound(id) ON DELETE SET NULL,
    decision_inbound_id INTEGER REFERENCES inbound(id) ON DELETE SET NULL,
    decided_by      TEXT,
    -- HR's words to pass on with a decline, when HR wrote some.
    reason          TEXT,
    requested_at    TEXT NOT NULL,
    decided_at      TEXT
);
CREATE INDEX join_requests_email ON join_requests(email);
-- One open request per address.
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests(email) WHERE status = 'pending';
