-- One schema for SQLite and PostgreSQL: text ids, ISO-8601 UTC text times
-- (fixed width, so text order is time order), JSON kept as text.

CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'author', 'analyst')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE access_tokens (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);
CREATE INDEX access_tokens_account ON access_tokens (account_id);

CREATE TABLE apps (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    site_key        TEXT NOT NULL UNIQUE,
    allowed_origins TEXT NOT NULL,
    learner_secret  TEXT NOT NULL,
    content_version BIGINT NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE tips (
    id               TEXT PRIMARY KEY,
    app_id           TEXT NOT NULL REFERENCES apps (id),
    title            TEXT NOT NULL,
    body_markdown    TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    body_tree        TEXT NOT NULL,
    presentation     TEXT NOT NULL,
    placement        TEXT NOT NULL,
    page_rule        TEXT NOT NULL,
    anchor           TEXT,
    learn_more_url   TEXT,
    learn_more_label TEXT,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    author_id        TEXT REFERENCES accounts (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    published_at     TEXT,
    version          INTEGER NOT NULL
);
CREATE INDEX tips_app_status ON tips (app_id, status);

CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    app_id       TEXT NOT NULL,
    type         TEXT NOT NULL,
    tip_id       TEXT,
    learner_hash TEXT,
    occurred_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    url          TEXT,
    data         TEXT
);
CREATE INDEX events_app_time ON events (app_id, occurred_at);
CREATE INDEX events_time ON events (occurred_at);
