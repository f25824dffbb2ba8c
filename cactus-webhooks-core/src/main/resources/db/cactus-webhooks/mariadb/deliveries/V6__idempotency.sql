-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V6: idempotent publishing. One row per idempotency key, unique: the receipt of the publish that
-- stored it (message id, event type, endpoint ids, comma-separated) and when its window ends. A
-- publish of a key whose row is live stores nothing and returns that receipt. Retention deletes
-- rows whose window ended, oldest expiry first, on the expiry index (created with the table:
-- MySQL has no CREATE INDEX IF NOT EXISTS).
-- Safe when run twice: CREATE TABLE IF NOT EXISTS is a no-op on a database that has the table.

CREATE TABLE IF NOT EXISTS cactus_webhook_idempotency (
    idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY,
    message_id      VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    endpoint_ids    MEDIUMTEXT   NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    expires_at      DATETIME(6)  NOT NULL,
    INDEX cactus_webhook_idempotency_expires_at_idx (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;
