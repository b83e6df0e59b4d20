-- On SQLite a queued row names its events by the ids of the first and last of them instead of all their
-- ids (some 80 kB per ingest transaction, written while the writer was held): an ingest transaction's new
-- events are consecutive rows (there is one writer, and a new row takes the rowid one above the largest),
-- read back as the rows from the first to the last. Rows queued by the previous version keep their ids.
CREATE TABLE digest_queue_new (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_ids   TEXT,
    first_event TEXT,
    last_event  TEXT,
    CHECK ((event_ids IS NULL) <> (first_event IS NULL AND last_event IS NULL))
);
INSERT INTO digest_queue_new (seq, event_ids) SELECT seq, event_ids FROM digest_queue;
DROP TABLE digest_queue;
ALTER TABLE digest_queue_new RENAME TO digest_queue;
