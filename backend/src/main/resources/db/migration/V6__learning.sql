-- Learning: checks and reinforcement on tips, each learner's memory of each tip (FSRS card),
-- the per-app budget, and the bookkeeping the budget needs. Learners appear only as keyed hashes.

ALTER TABLE tips ADD COLUMN reinforce INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tips ADD COLUMN check_json TEXT;

CREATE TABLE memories (
    app_id            TEXT NOT NULL REFERENCES apps (id),
    learner_hash      TEXT NOT NULL,
    tip_id            TEXT NOT NULL,
    views             INTEGER NOT NULL DEFAULT 0,
    dismissals        INTEGER NOT NULL DEFAULT 0,
    checks_right      INTEGER NOT NULL DEFAULT 0,
    checks_wrong      INTEGER NOT NULL DEFAULT 0,
    first_seen_at     TEXT,
    last_seen_at      TEXT,
    last_dismissed_at TEXT,
    completed_at      TEXT,
    last_answer       TEXT,
    fsrs_state        TEXT,
    stability         DOUBLE PRECISION,
    difficulty        DOUBLE PRECISION,
    elapsed_days      INTEGER,
    scheduled_days    INTEGER,
    reps              INTEGER,
    lapses            INTEGER,
    learning_steps    INTEGER,
    due_at            TEXT,
    last_review_at    TEXT,
    PRIMARY KEY (app_id, learner_hash, tip_id)
);
CREATE INDEX memories_tip ON memories (tip_id);
CREATE INDEX memories_due ON memories (app_id, learner_hash, due_at);

CREATE TABLE learners (
    app_id       TEXT NOT NULL REFERENCES apps (id),
    learner_hash TEXT NOT NULL,
    traits       TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (app_id, learner_hash)
);

CREATE TABLE learning_budgets (
    app_id                TEXT PRIMARY KEY REFERENCES apps (id),
    daily_cap             INTEGER NOT NULL,
    quiet_minutes         INTEGER NOT NULL,
    weekly_minutes_target INTEGER NOT NULL,
    updated_at            TEXT NOT NULL
);

-- one row per reinforcement prompt (learner, tip, UTC day): the daily cap counts these
CREATE TABLE reinforcement_prompts (
    app_id       TEXT NOT NULL,
    learner_hash TEXT NOT NULL,
    tip_id       TEXT NOT NULL,
    day          TEXT NOT NULL,
    prompted_at  TEXT NOT NULL,
    PRIMARY KEY (app_id, learner_hash, day, tip_id)
);

-- seconds spent learning, per learner and ISO week (2026-W48)
CREATE TABLE learning_time (
    app_id       TEXT NOT NULL,
    learner_hash TEXT NOT NULL,
    week         TEXT NOT NULL,
    seconds      INTEGER NOT NULL,
    PRIMARY KEY (app_id, learner_hash, week)
);
CREATE INDEX events_learner ON events (app_id, learner_hash);
