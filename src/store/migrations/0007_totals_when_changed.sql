-- upward schema version 7: the running totals' update triggers fire only when a column
-- they count changed. Never edit after it ships.

-- A report sent again, or a correction that changes only the notes, rewrites its rows with
-- the same date, minutes, topics and rating; the triggers took each such value out of the
-- totals and put it back (seven statements for a session, five for a feedback). Same
-- bodies as in version 2, with a WHEN clause.

DROP TRIGGER sessions_au;
CREATE TRIGGER sessions_au AFTER UPDATE OF pair_id, date, minutes, topics ON sessions
    WHEN OLD.pair_id IS NOT NEW.pair_id OR OLD.date IS NOT NEW.date
      OR OLD.minutes IS NOT NEW.minutes OR OLD.topics IS NOT NEW.topics
BEGIN
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

DROP TRIGGER feedback_au;
CREATE TRIGGER feedback_au AFTER UPDATE OF rating, report_date ON feedback
    WHEN OLD.rating IS NOT NEW.rating OR OLD.report_date IS NOT NEW.report_date
BEGIN
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
