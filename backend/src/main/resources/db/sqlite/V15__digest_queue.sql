-- Events stored by ingestion and not yet folded into the rollups and learners' memory: one row per
-- ingest transaction, naming its new events (ids joined by commas), in the order they were queued.
CREATE TABLE digest_queue (
    seq       INTEGER PRIMARY KEY,
    event_ids TEXT NOT NULL
);
