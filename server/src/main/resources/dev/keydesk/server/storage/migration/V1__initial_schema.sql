-- Keys: the secret itself is never stored, only its HMAC-SHA-256 under the server's pepper.
-- Timestamps are Unix seconds (UTC). Usage counters roll over lazily: a counter whose day/month
-- marker is not the current one reads as 0.
CREATE TABLE api_keys (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT    NOT NULL UNIQUE,
    name                TEXT    NOT NULL,
    description         TEXT,
    prefix              TEXT    NOT NULL,
    secret_hash         BLOB    NOT NULL,
    type                TEXT    NOT NULL CHECK (type IN ('live', 'test')),
    status              TEXT    NOT NULL CHECK (status IN ('active', 'disabled')),
    permissions         TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    created_by          TEXT,
    expires_at          INTEGER,
    revoked_at          INTEGER,
    last_used           INTEGER,
    last_used_ip        TEXT,
    usage_day           INTEGER NOT NULL DEFAULT 0,
    requests_today      INTEGER NOT NULL DEFAULT 0,
    usage_month         INTEGER NOT NULL DEFAULT 0,
    requests_this_month INTEGER NOT NULL DEFAULT 0,
    version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX api_keys_by_prefix ON api_keys (prefix);
CREATE INDEX api_keys_unrevoked ON api_keys (seq) WHERE revoked_at IS NULL;

-- Addresses each key was seen from, to tell a new one.
CREATE TABLE key_addresses (
    key_id     TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (key_id, ip)
) WITHOUT ROWID;

CREATE TABLE audit_events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    at           INTEGER NOT NULL,
    type         TEXT    NOT NULL,
    actor_key_id TEXT,
    key_id       TEXT,
    ip           TEXT,
    detail       TEXT    NOT NULL DEFAULT '{}'
);
-- Newest first is (at DESC, seq DESC); these serve the unfiltered list and each filter.
CREATE INDEX audit_events_by_time ON audit_events (at, seq);
CREATE INDEX audit_events_by_key ON audit_events (key_id, at, seq);
CREATE INDEX audit_events_by_type ON audit_events (type, at, seq);

-- Idempotent creates: one key per (caller, Idempotency-Key) for 24 hours.
CREATE TABLE idempotency_records (
    caller_key_id   TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    key_id          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (caller_key_id, idempotency_key)
) WITHOUT ROWID;
