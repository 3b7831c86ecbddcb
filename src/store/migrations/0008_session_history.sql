-- upward schema version 8: the session log keeps what every message said. Never edit after
-- it ships.

-- A session the reporter retracted ("we didn't meet after all"): kept in the log, out of
-- every figure. NULL while it counts.
ALTER TABLE sessions ADD COLUMN retracted_at TEXT;

-- Every report and every change to a session or a report, with the message it came from.
-- `stated` is what the message said (JSON: the fields it stated); `changes` what it
-- changed (JSON: field -> [old, new], `session.*` and `feedback.*`). Replaying `changes` in
-- id order gives the current sessions and feedback. Rows are only ever added (FORGET ME
-- erases the person's rows).
CREATE TABLE session_history (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    session_id      INTEGER REFERENCES sessions(id),
    feedback_id     INTEGER REFERENCES feedback(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    inbound_id      INTEGER REFERENCES inbound(id),
    -- the Message-ID of that message, without brackets
    message_id      TEXT,
    -- report | joined | repeat | no_meeting | correction | retraction | imported
    kind            TEXT NOT NULL,
    stated          TEXT NOT NULL DEFAULT '{}',
    changes         TEXT NOT NULL DEFAULT '{}',
    at              TEXT NOT NULL
);
CREATE INDEX session_history_inbound ON session_history(inbound_id);
CREATE INDEX session_history_session ON session_history(session_id);
CREATE INDEX session_history_person ON session_history(pair_id, participant_id);

-- What version 7 logged becomes the first entry of each report's history: the state as it
-- was, as the change from nothing (the messages that led to it were not kept apart).
INSERT INTO session_history (pair_id, session_id, feedback_id, participant_id, inbound_id,
                             message_id, kind, stated, changes, at)
SELECT f.pair_id, f.session_id, f.id, f.participant_id, f.inbound_id, i.message_id, 'imported',
       '{}',
       json_object(
           'feedback.session_id', json_array(NULL, f.session_id),
           'feedback.met', json_array(NULL, f.met),
           'feedback.report_date', json_array(NULL, f.report_date),
           'feedback.rating', json_array(NULL, f.rating),
           'feedback.notes', json_array(NULL, f.notes),
           'feedback.flagged', json_array(NULL, f.flagged),
           'feedback.cancelled_by', json_array(NULL, f.cancelled_by)),
       coalesce(f.updated_at, f.created_at)
FROM feedback f LEFT JOIN inbound i ON i.id = f.inbound_id
ORDER BY f.id;
-- Each session's facts, once, after the first report of it.
INSERT INTO session_history (pair_id, session_id, feedback_id, participant_id, inbound_id,
                             message_id, kind, stated, changes, at)
SELECT s.pair_id, s.id, f.id, f.participant_id, f.inbound_id, i.message_id, 'imported', '{}',
       json_object(
           'session.date', json_array(NULL, s.date),
           'session.minutes', json_array(NULL, s.minutes),
           'session.topics', json_array(NULL, json(s.topics)),
           'session.retracted', json_array(NULL, json('false'))),
       s.created_at
FROM sessions s
JOIN feedback f ON f.id = (SELECT min(id) FROM feedback WHERE session_id = s.id)
LEFT JOIN inbound i ON i.id = f.inbound_id
ORDER BY s.id;

-- The figures count the sessions not retracted. Retracting takes a session out of them as
-- deleting it did; taking the retraction back puts it in again.
CREATE TRIGGER sessions_retracted AFTER UPDATE OF retracted_at ON sessions
    WHEN OLD.retracted_at IS NULL AND NEW.retracted_at IS NOT NULL
BEGIN
    UPDATE totals SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0);
    UPDATE pair_stats SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0),
        last_session = (SELECT max(date) FROM sessions
                        WHERE pair_id = OLD.pair_id AND retracted_at IS NULL)
        WHERE pair_id = OLD.pair_id;
    UPDATE topic_totals SET sessions = sessions - 1
        WHERE topic IN (SELECT value FROM json_each(OLD.topics));
    UPDATE week_totals SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0)
        WHERE week = date(OLD.date, '-6 days', 'weekday 1');
END;

CREATE TRIGGER sessions_unretracted AFTER UPDATE OF retracted_at ON sessions
    WHEN OLD.retracted_at IS NOT NULL AND NEW.retracted_at IS NULL
BEGIN
    UPDATE totals SET sessions = sessions + 1, minutes = minutes + coalesce(NEW.minutes, 0);
    INSERT INTO pair_stats (pair_id, sessions, minutes, last_session, last_contact)
        VALUES (NEW.pair_id, 1, coalesce(NEW.minutes, 0), NEW.date, NEW.date)
        ON CONFLICT(pair_id) DO UPDATE SET
            sessions = sessions + 1,
            minutes = minutes + coalesce(NEW.minutes, 0),
            last_session = max(coalesce(last_session, ''), coalesce(NEW.date, '')),
            last_contact = max(coalesce(last_contact, ''), coalesce(NEW.date, ''));
    INSERT INTO topic_totals (topic, sessions)
        SELECT value, 1 FROM json_each(NEW.topics) WHERE true
        ON CONFLICT(topic) DO UPDATE SET sessions = sessions + 1;
    INSERT INTO week_totals (week, sessions, minutes)
        VALUES (date(NEW.date, '-6 days', 'weekday 1'), 1, coalesce(NEW.minutes, 0))
        ON CONFLICT(week) DO UPDATE SET sessions = sessions + 1, minutes = minutes + coalesce(NEW.minutes, 0);
END;

-- A retracted session's facts may still be corrected: the figures do not see it.
DROP TRIGGER sessions_au;
CREATE TRIGGER sessions_au AFTER UPDATE OF pair_id, date, minutes, topics ON sessions
    WHEN OLD.retracted_at IS NULL AND NEW.retracted_at IS NULL
     AND (OLD.pair_id IS NOT NEW.pair_id OR OLD.date IS NOT NEW.date
          OR OLD.minutes IS NOT NEW.minutes OR OLD.topics IS NOT NEW.topics)
BEGIN
    UPDATE totals SET minutes = minutes - coalesce(OLD.minutes, 0) + coalesce(NEW.minutes, 0);
    UPDATE pair_stats SET minutes = minutes - coalesce(OLD.minutes, 0) + coalesce(NEW.minutes, 0),
        last_session = (SELECT max(date) FROM sessions
                        WHERE pair_id = NEW.pair_id AND retracted_at IS NULL),
        last_contact = max(coalesce(last_contact, ''), coalesce(NEW.date, ''))
        WHERE pair_id = NEW.pair_id;
    UPDATE topic_totals SET sessions = sessions - 1
        WHERE topic IN (SELECT value FROM json_each(OLD.topics));
    INSERT INTO topic_totals (topic, sessions)
        SELECT value, 1 FROM json_each(NEW.topics) WHERE true
        ON CONFLICT(topic) DO UPDATE SET sessions = sessions + 1;
    UPDATE week_totals SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0)
        WHERE week = date(OLD.date, '-6 days', 'weekday 1');
    INSERT INTO week_totals (week, sessions, minutes)
        VALUES (date(NEW.date, '-6 days', 'weekday 1'), 1, coalesce(NEW.minutes, 0))
        ON CONFLICT(week) DO UPDATE SET sessions = sessions + 1, minutes = minutes + coalesce(NEW.minutes, 0);
END;

-- NOTE: `sessions_ad` stays as version 2 wrote it: nothing deletes a session any more
-- (a retraction marks it, FORGET ME keeps it by id).

-- The period figures read the sessions that count, from the index alone.
DROP INDEX sessions_by_date;
CREATE INDEX sessions_by_date ON sessions(date, pair_id, minutes) WHERE retracted_at IS NULL;
