-- A learner's traits (from Inflow.identify), one row per trait, so reports can keep only the learners
-- with one value (team = support). The same traits stay as JSON in learners.traits for mastery.
CREATE TABLE learner_traits (
    app_id       TEXT NOT NULL,
    learner_hash TEXT NOT NULL,
    name         TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (app_id, learner_hash, name)
);
CREATE INDEX learner_traits_value ON learner_traits (app_id, name, value);

-- page views per app, page path (no query, no fragment) and UTC day
CREATE TABLE rollup_page_days (
    app_id TEXT   NOT NULL,
    path   TEXT   NOT NULL,
    day    TEXT   NOT NULL,
    views  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (app_id, path, day)
);
CREATE INDEX rollup_page_days_day ON rollup_page_days (app_id, day);
