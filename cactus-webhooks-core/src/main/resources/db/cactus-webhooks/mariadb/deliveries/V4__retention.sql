-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V4: retention. A message's payload may be removed (expunged) while its deliveries and attempts
-- are kept, so the payload becomes nullable and the time it was removed is recorded. The index
-- lets the purge find the oldest messages that still have a payload (and the messages that matched
-- no endpoint) without walking those already expunged (no partial indexes here: the expunge time
-- leads, as on H2). The lease table lets one node at a time purge.
-- Safe to run again: MODIFY COLUMN is idempotent, and the ALTER that adds the column and the index
-- runs only when the column is missing (MySQL has no ADD COLUMN IF NOT EXISTS), as in V3.

ALTER TABLE cactus_webhook_messages MODIFY COLUMN payload LONGBLOB NULL;

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_messages ADD COLUMN payload_expunged_at DATETIME(6), ADD INDEX cactus_webhook_messages_payload_expunged_at_created_at_idx (payload_expunged_at, created_at)',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_messages' AND COLUMN_NAME = 'payload_expunged_at'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;

-- One row per lease (name retention): the node that holds it and until when. The row is created
-- by the first node that asks for the lease.
CREATE TABLE IF NOT EXISTS cactus_webhook_leases (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner      VARCHAR(255),
    expires_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;
