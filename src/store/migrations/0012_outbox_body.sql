-- The bytes of each queued email live apart from its row. The row changes state two or three
-- times on its way out (pending, sending, sent); the bytes are written once and read when
-- sent. Apart, those updates rewrite a page of small rows, not a page that holds an email.
CREATE TABLE outbox_body (
    outbox_id  INTEGER PRIMARY KEY REFERENCES outbox(id),
    body       BLOB NOT NULL
);
INSERT INTO outbox_body (outbox_id, body) SELECT id, body FROM outbox;
ALTER TABLE outbox DROP COLUMN body;
