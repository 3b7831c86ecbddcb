-- Running totals, kept by triggers, so the digest's all-time figures never scan the log;
-- and what a report says beyond the session itself.

ALTER TABLE feedback ADD COLUMN met INTEGER;
-- 'mentor' or 'mentee' when the report says the meeting was cancelled, and by whom
ALTER TABLE feedback ADD COLUMN cancelled_by TEXT;
ALTER TABLE feedback ADD COLUMN report_date TEXT;
ALTER TABLE feedback ADD COLUMN updated_at TEXT;
CREATE INDEX feedback_pair ON feedback(pair_id, participant_id, report_date);
CREATE INDEX feedback_by_date ON feedback(report_date, rating, met, cancelled_by);

-- Covering index: the period figures read only the index.
CREATE INDEX sessions_by_date ON sessions(date, pair_id, minutes);

CREATE TABLE pair_stats (
    pair_id       INTEGER PRIMARY KEY REFERENCES pairs(id),
    sessions      INTEGER NOT NULL DEFAULT 0,
    minutes       INTEGER NOT NULL DEFAULT 0,
    last_session  TEXT,
    last_contact  TEXT
);

CREATE TABLE totals (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    sessions    INTEGER NOT NULL,
    minutes     INTEGER NOT NULL,
    ratings     INTEGER NOT NULL,
    rating_sum  INTEGER NOT NULL
);
INSERT INTO totals (id, sessions, minutes, ratings, rating_sum) VALUES (1, 0, 0, 0, 0);

-- Per ISO week (its Monday): the digest's chart without a scan.
CREATE TABLE week_totals (
    week        TEXT PRIMARY KEY,
    sessions    INTEGER NOT NULL DEFAULT 0,
    minutes     INTEGER NOT NULL DEFAULT 0,
    ratings     INTEGER NOT NULL DEFAULT 0,
    rating_sum  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rating_totals (
    rating  INTEGER PRIMARY KEY,
    count   INTEGER NOT NULL
);

CREATE TABLE topic_totals (
    topic     TEXT PRIMARY KEY,
    sessions  INTEGER NOT NULL
);

CREATE TRIGGER sessions_ai AFTER INSERT ON sessions BEGIN
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

CREATE TRIGGER sessions_ad AFTER DELETE ON sessions BEGIN
    UPDATE totals SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0);
    UPDATE pair_stats SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0),
        last_session = (SELECT max(date) FROM sessions WHERE pair_id = OLD.pair_id)
        WHERE pair_id = OLD.pair_id;
    UPDATE topic_totals SET sessions = sessions - 1
        WHERE topic IN (SELECT value FROM json_each(OLD.topics));
    UPDATE week_totals SET sessions = sessions - 1, minutes = minutes - coalesce(OLD.minutes, 0)
        WHERE week = date(OLD.date, '-6 days', 'weekday 1');
END;

CREATE TRIGGER sessions_au AFTER UPDATE OF pair_id, date, minutes, topics ON sessions BEGIN
    UPDATE totals SET minutes = minutes - coalesce(OLD.minutes, 0) + coalesce(NEW.minutes, 0);
    UPDATE pair_stats SET minutes = minutes - coalesce(OLD.minutes, 0) + coalesce(NEW.minutes, 0),
        last_session = (SELECT max(date) FROM sessions WHERE pair_id = NEW.pair_id),
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

CREATE TRIGGER feedback_ai AFTER INSERT ON feedback WHEN NEW.rating IS NOT NULL BEGIN
    UPDATE totals SET ratings = ratings + 1, rating_sum = rating_sum + NEW.rating;
    INSERT INTO rating_totals (rating, count) VALUES (NEW.rating, 1)
        ON CONFLICT(rating) DO UPDATE SET count = count + 1;
    INSERT INTO week_totals (week, ratings, rating_sum)
        VALUES (date(NEW.report_date, '-6 days', 'weekday 1'), 1, NEW.rating)
        ON CONFLICT(week) DO UPDATE SET ratings = ratings + 1, rating_sum = rating_sum + NEW.rating;
END;

CREATE TRIGGER feedback_ad AFTER DELETE ON feedback WHEN OLD.rating IS NOT NULL BEGIN
    UPDATE totals SET ratings = ratings - 1, rating_sum = rating_sum - OLD.rating;
    UPDATE rating_totals SET count = count - 1 WHERE rating = OLD.rating;
    UPDATE week_totals SET ratings = ratings - 1, rating_sum = rating_sum - OLD.rating
        WHERE week = date(OLD.report_date, '-6 days', 'weekday 1');
END;

CREATE TRIGGER feedback_au AFTER UPDATE OF rating, report_date ON feedback BEGIN
    UPDATE totals SET
        ratings = ratings - (OLD.rating IS NOT NULL) + (NEW.rating IS NOT NULL),
        rating_sum = rating_sum - coalesce(OLD.rating, 0) + coalesce(NEW.rating, 0);
    UPDATE rating_totals SET count = count - 1 WHERE rating = OLD.rating;
    INSERT INTO rating_totals (rating, count) SELECT NEW.rating, 1 WHERE NEW.rating IS NOT NULL
        ON CONFLICT(rating) DO UPDATE SET count = count + 1;
    UPDATE week_totals SET ratings = ratings - 1, rating_sum = rating_sum - OLD.rating
        WHERE OLD.rating IS NOT NULL AND week = date(OLD.report_date, '-6 days', 'weekday 1');
    INSERT INTO week_totals (week, ratings, rating_sum)
        SELECT date(NEW.report_date, '-6 days', 'weekday 1'), 1, NEW.rating WHERE NEW.rating IS NOT NULL
        ON CONFLICT(week) DO UPDATE SET ratings = ratings + 1, rating_sum = rating_sum + NEW.rating;
END;
