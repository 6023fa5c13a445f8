-- Version 1.1: who revoked a key (null for keys revoked before this version), and usage per
-- permission and per address, kept for 90 days (days are Unix days: epoch seconds / 86400).
ALTER TABLE api_keys ADD COLUMN revoked_by TEXT;
CREATE INDEX api_keys_revoked ON api_keys (revoked_at, seq) WHERE revoked_at IS NOT NULL;

-- Small facts about this database, e.g. usage_since (when usage recording started).
CREATE TABLE server_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Requests per key and day, whatever they exercised.
CREATE TABLE key_usage_daily (
    key_id   TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (key_id, day)
) WITHOUT ROWID;

-- Requests per key, permission exercised and day.
CREATE TABLE key_permission_daily (
    key_id     TEXT    NOT NULL,
    permission TEXT    NOT NULL,
    day        INTEGER NOT NULL,
    requests   INTEGER NOT NULL,
    PRIMARY KEY (key_id, permission, day)
) WITHOUT ROWID;

-- When each permission was last exercised by each key (not pruned: "last used 200 days ago").
CREATE TABLE key_permission_usage (
    key_id     TEXT    NOT NULL,
    permission TEXT    NOT NULL,
    last_used  INTEGER NOT NULL,
    PRIMARY KEY (key_id, permission)
) WITHOUT ROWID;

-- Requests per key, address and day.
CREATE TABLE key_address_daily (
    key_id   TEXT    NOT NULL,
    ip       TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (key_id, ip, day)
) WITHOUT ROWID;

ALTER TABLE key_addresses ADD COLUMN last_seen INTEGER;

CREATE INDEX key_usage_daily_by_day ON key_usage_daily (day);
CREATE INDEX key_permission_daily_by_day ON key_permission_daily (day);
CREATE INDEX key_address_daily_by_day ON key_address_daily (day);
