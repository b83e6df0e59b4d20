-- Token buckets for the public endpoints, reconciled by every server about once a second.
CREATE TABLE rate_buckets (
    subject    TEXT PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at TEXT NOT NULL
);
