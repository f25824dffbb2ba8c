-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V3: the W3C trace context of a message's publish (nullable columns).
-- Safe to run again: DDL commits by itself here, so a script whose history row was not written
-- runs again in full. MySQL has no ADD COLUMN IF NOT EXISTS (MariaDB has), so the one ALTER that
-- adds both columns runs only when the first is missing, as a prepared statement. A later script
-- that changes an existing table follows this pattern (CREATE INDEX too: MySQL has no IF NOT EXISTS
-- there either).

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_messages ADD COLUMN traceparent VARCHAR(55), ADD COLUMN tracestate VARCHAR(512)',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_messages' AND COLUMN_NAME = 'traceparent'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;
