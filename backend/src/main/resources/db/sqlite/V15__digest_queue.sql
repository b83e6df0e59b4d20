-- Events stored by ingestion and not yet folded into the rollups and learners' memory: one row per
-- ingest transaction, naming its new events (ids joined by commas), in the order they were queued.
-- AUTOINCREMENT: a row's seq is never given again once the queue has emptied, so a seq names one row.
CREATE TABLE digest_queue (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_ids TEXT NOT NULL
);
