-- Analytics rollups, kept up to date as events are committed (in the same transaction) and
-- rebuildable from the raw events. Every count is additive, so only newly stored events add to it.

-- per tip and UTC day
CREATE TABLE rollup_tip_days (
    app_id         TEXT   NOT NULL,
    tip_id         TEXT   NOT NULL,
    day            TEXT   NOT NULL,
    shown          BIGINT NOT NULL DEFAULT 0,
    learners       BIGINT NOT NULL DEFAULT 0,
    dismissed      BIGINT NOT NULL DEFAULT 0,
    completed      BIGINT NOT NULL DEFAULT 0,
    helpful_yes    BIGINT NOT NULL DEFAULT 0,
    helpful_no     BIGINT NOT NULL DEFAULT 0,
    links_opened   BIGINT NOT NULL DEFAULT 0,
    checks_right   BIGINT NOT NULL DEFAULT 0,
    checks_wrong   BIGINT NOT NULL DEFAULT 0,
    anchor_missing BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (app_id, tip_id, day)
);
CREATE INDEX rollup_tip_days_day ON rollup_tip_days (app_id, day);

-- which learners saw a tip on a day: makes "unique learners" an idempotent increment
CREATE TABLE rollup_tip_learners (
    app_id       TEXT NOT NULL,
    tip_id       TEXT NOT NULL,
    day          TEXT NOT NULL,
    learner_hash TEXT NOT NULL,
    PRIMARY KEY (app_id, tip_id, day, learner_hash)
);

-- each learner's furthest progress through a walkthrough: one row per step reached (day first reached);
-- step -1 marks walkthrough_completed
CREATE TABLE rollup_walkthrough_learners (
    app_id         TEXT    NOT NULL,
    walkthrough_id TEXT    NOT NULL,
    step           INTEGER NOT NULL,
    learner_hash   TEXT    NOT NULL,
    day            TEXT    NOT NULL,
    PRIMARY KEY (app_id, walkthrough_id, step, learner_hash)
);

-- per normalised search term and day
CREATE TABLE rollup_search_days (
    app_id    TEXT   NOT NULL,
    term      TEXT   NOT NULL,
    day       TEXT   NOT NULL,
    searches  BIGINT NOT NULL DEFAULT 0,
    no_result BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (app_id, term, day)
);

-- events an overlay had to drop (its store was full) and reported with a later batch
CREATE TABLE rollup_lost_days (
    app_id TEXT   NOT NULL,
    day    TEXT   NOT NULL,
    lost   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (app_id, day)
);

-- exports that follow the event stream (xAPI to an LRS) resume after the last event they delivered;
-- events are read in the order they were received
CREATE INDEX events_received ON events (received_at, id);
CREATE TABLE export_cursors (
    target      TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    delivered   BIGINT NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    lease_until TEXT
);

-- a webhook per app: chosen event types, posted signed (HMAC-SHA256 with the secret)
CREATE TABLE webhooks (
    id          TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL REFERENCES apps (id),
    url         TEXT NOT NULL,
    event_types TEXT NOT NULL,
    secret      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX webhooks_app ON webhooks (app_id);
