-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V5: who owns an endpoint's settings (JdbcEndpointRegistry). source is RUNTIME (editable at
-- runtime, every endpoint stored before V5) or CONFIGURATION (written from the application's
-- configuration at startup, read-only at runtime), source_origin says where it is configured, and
-- configured_enabled is the enabled value that configuration gave at the last startup, so that a
-- runtime disable lasts until the configured value changes.
-- Safe to run again: the one ALTER that adds the three columns runs only when the first is
-- missing (MySQL has no ADD COLUMN IF NOT EXISTS), as in V3.

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_endpoints ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT ''RUNTIME'', ADD COLUMN source_origin VARCHAR(1000), ADD COLUMN configured_enabled BOOLEAN',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_endpoints' AND COLUMN_NAME = 'source'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;
