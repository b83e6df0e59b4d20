-- Anchor healing: the overlay refreshes a tip's anchor after a confident match whose properties drifted.
-- On by default; an app turns it off.
ALTER TABLE apps ADD COLUMN anchor_healing BOOLEAN NOT NULL DEFAULT TRUE;

-- Every anchor a refresh replaced, so an author can see how it drifted and go back to one.
CREATE TABLE anchor_versions (
    tip_id      TEXT    NOT NULL REFERENCES tips (id),
    version     INTEGER NOT NULL,
    anchor      TEXT    NOT NULL,
    replaced_at TEXT    NOT NULL,
    similarity  REAL    NOT NULL,
    PRIMARY KEY (tip_id, version)
);
