-- Site keys replaced by a rotation keep working until valid_until, so snippets can be
-- updated without downtime.
CREATE TABLE retired_site_keys (
    site_key    TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL REFERENCES apps (id),
    valid_until TEXT NOT NULL
);

-- Identity verification: the host app signs learner ids with this secret (HMAC-SHA256);
-- when required, unsigned or wrongly signed ids are refused.
CREATE TABLE app_identity (
    app_id   TEXT PRIMARY KEY REFERENCES apps (id),
    required BOOLEAN NOT NULL,
    secret   TEXT NOT NULL
);
