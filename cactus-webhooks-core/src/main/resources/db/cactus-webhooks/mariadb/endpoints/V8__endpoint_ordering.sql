-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V8: whether an endpoint orders its deliveries by key (JdbcEndpointRegistry): UNORDERED (every
-- endpoint stored before V7), PER_KEY_BLOCK or PER_KEY_SKIP (EndpointOrdering).
-- Safe to run again: the ALTER runs only when the column is missing (MySQL has no ADD COLUMN IF
-- NOT EXISTS), as in V5.

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_endpoints ADD COLUMN ordering VARCHAR(16) NOT NULL DEFAULT ''UNORDERED''',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_endpoints' AND COLUMN_NAME = 'ordering'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;
