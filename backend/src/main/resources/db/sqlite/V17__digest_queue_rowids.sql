-- On SQLite a queued row names its events by the first and last of their rowids instead of their ids
-- (an ingest transaction's new events have consecutive rowids: there is one writer, and a new row takes
-- the rowid one above the largest). A transaction's ids were some 80 kB written while the writer was held.
-- Rows queued by the previous version keep their ids and are read back by them.
CREATE TABLE digest_queue_new (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_ids   TEXT,
    first_event INTEGER,
    last_event  INTEGER,
    CHECK ((event_ids IS NULL) <> (first_event IS NULL AND last_event IS NULL))
);
INSERT INTO digest_queue_new (seq, event_ids) SELECT seq, event_ids FROM digest_queue;
DROP TABLE digest_queue;
ALTER TABLE digest_queue_new RENAME TO digest_queue;
