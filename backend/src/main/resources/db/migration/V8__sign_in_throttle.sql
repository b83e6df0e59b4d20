-- Failed sign-ins per account and per client address, shared by every server.
CREATE TABLE sign_in_failures (
    subject      TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    first_at     TEXT NOT NULL,
    locked_until TEXT
);
