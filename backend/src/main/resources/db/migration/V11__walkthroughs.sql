-- Walkthroughs: ordered steps, each an ordinary tip (possibly on different pages), and each
-- learner's progress through them. Learners appear only as keyed hashes, as in memories.

CREATE TABLE walkthroughs (
    id         TEXT PRIMARY KEY,
    app_id     TEXT NOT NULL REFERENCES apps (id),
    title      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    start_on   TEXT NOT NULL CHECK (start_on IN ('page_load', 'launcher')),
    version    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE INDEX walkthroughs_app ON walkthroughs (app_id, status);

-- a tip is a step of one walkthrough at most (the unique tip_id)
CREATE TABLE walkthrough_steps (
    walkthrough_id TEXT NOT NULL REFERENCES walkthroughs (id),
    position       INTEGER NOT NULL,
    tip_id         TEXT NOT NULL UNIQUE REFERENCES tips (id),
    url            TEXT,
    on_right       INTEGER,
    on_wrong       INTEGER,
    PRIMARY KEY (walkthrough_id, position)
);

-- one row per learner and walkthrough: the step reached and whether it runs, was completed or closed;
-- updated_at is when the learner did it (the newer of two writes wins)
CREATE TABLE walkthrough_progress (
    app_id         TEXT NOT NULL REFERENCES apps (id),
    learner_hash   TEXT NOT NULL,
    walkthrough_id TEXT NOT NULL REFERENCES walkthroughs (id),
    step           INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('active', 'completed', 'closed')),
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (app_id, learner_hash, walkthrough_id)
);
