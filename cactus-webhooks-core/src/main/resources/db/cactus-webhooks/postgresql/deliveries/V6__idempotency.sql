-- Cactus Webhooks schema for PostgreSQL 12+.
-- V6: idempotent publishing. One row per idempotency key, unique: the receipt of the publish that
-- stored it (message id, event type, endpoint ids, comma-separated) and when its window ends. A
-- publish of a key whose row is live stores nothing and returns that receipt. Publishing inserts
-- with ON CONFLICT DO NOTHING, so a duplicate never aborts a caller's transaction. Retention
-- deletes rows whose window ended, oldest expiry first, on the expiry index.
-- Safe when run twice: every statement is a no-op on a database that has its object.

CREATE TABLE IF NOT EXISTS cactus_webhook_idempotency (
    idempotency_key VARCHAR(255)                NOT NULL PRIMARY KEY,
    message_id      VARCHAR(64)                 NOT NULL,
    event_type      VARCHAR(255)                NOT NULL,
    endpoint_ids    TEXT                        NOT NULL,
    created_at      TIMESTAMPTZ                 NOT NULL,
    expires_at      TIMESTAMPTZ                 NOT NULL
);

CREATE INDEX IF NOT EXISTS cactus_webhook_idempotency_expires_at_idx
    ON cactus_webhook_idempotency (expires_at);
