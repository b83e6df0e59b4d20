-- Every save of a tip is a version: who, when, what changed, and the tip's content as it was then.
-- "by" is the account's email, kept as text so the history survives the account's removal.
-- Tips saved before this migration get their current state recorded on their next save.

CREATE TABLE tip_versions (
    tip_id         TEXT    NOT NULL REFERENCES tips (id),
    version        INTEGER NOT NULL,
    change         TEXT    NOT NULL,
    changed_fields TEXT    NOT NULL,
    saved_by       TEXT,
    saved_at       TEXT    NOT NULL,
    snapshot       TEXT    NOT NULL,
    PRIMARY KEY (tip_id, version)
);

-- A tip's optional image or video: {"type": "image"|"video", "url": "...", "alt": "..."} as JSON text.
ALTER TABLE tips ADD COLUMN media TEXT;
