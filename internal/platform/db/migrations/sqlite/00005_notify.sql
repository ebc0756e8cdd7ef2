-- +goose Up
-- notify (internal/platform/notify): the in-app notification centre, the
-- outbound channel settings and the outbox every outbound message passes
-- through. River's own tables (river_*) are created by rivermigrate at start,
-- not here.

-- One row per recipient user. dedupe_key makes a repeated Send of the same
-- logical message a no-op for that user (NULLs never collide).
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    dedupe_key TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE UNIQUE INDEX notifications_user_dedupe ON notifications(user_id, dedupe_key);
CREATE INDEX notifications_user_read ON notifications(user_id, read_at);

-- Outbound channels: an SMTP server or a group bot. webhook_url, secret and
-- smtp_password are secrets, stored as given (see docs/ARCHITECTURE.md).
CREATE TABLE notify_channels (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    type          TEXT NOT NULL,
    name          TEXT NOT NULL UNIQUE,
    enabled       INTEGER NOT NULL DEFAULT 1,
    webhook_url   TEXT NOT NULL DEFAULT '',
    secret        TEXT NOT NULL DEFAULT '',
    smtp_host     TEXT NOT NULL DEFAULT '',
    smtp_port     INTEGER NOT NULL DEFAULT 0,
    smtp_username TEXT NOT NULL DEFAULT '',
    smtp_password TEXT NOT NULL DEFAULT '',
    smtp_from     TEXT NOT NULL DEFAULT '',
    smtp_tls      TEXT NOT NULL DEFAULT '',
    remark        TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- Hosts an administrator allows outbound requests to reach even though they
-- resolve to loopback, private or link-local addresses.
CREATE TABLE notify_allowed_hosts (
    host       TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL
);

-- One row per (logical message, destination). status: pending -> sending ->
-- sent | failed. The unique (dedupe_key, destination) is what makes a
-- repeated Send enqueue nothing; claim_token and lease_until make the claim
-- idempotent; sent_at is written before the job is reported done.
CREATE TABLE notify_outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key  TEXT NOT NULL,
    destination TEXT NOT NULL,
    channel     TEXT NOT NULL,
    channel_id  INTEGER,
    user_id     INTEGER,
    address     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    enqueued_at TIMESTAMP,
    lease_until TIMESTAMP,
    claim_token TEXT NOT NULL DEFAULT '',
    sent_at     TIMESTAMP,
    reply       TEXT NOT NULL DEFAULT '',
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (dedupe_key, destination)
);
CREATE INDEX notify_outbox_status ON notify_outbox(status, enqueued_at);

-- +goose Down
DROP TABLE notify_outbox;
DROP TABLE notify_allowed_hosts;
DROP TABLE notify_channels;
DROP TABLE notifications;
