-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V10: tenants. A message and its deliveries belong to the tenant of the event (NULL: the
-- application's own, as every row stored before V10). The deliveries carry it too, so that a
-- tenant's view filters deliveries with tenant_id = ? without a join, newest first on the index.
-- Safe to run again: each column and the index are added only when missing (MySQL has no ADD
-- COLUMN IF NOT EXISTS nor CREATE INDEX IF NOT EXISTS), as in V5 and V9.

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_messages ADD COLUMN tenant_id VARCHAR(64) NULL',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_messages' AND COLUMN_NAME = 'tenant_id'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_deliveries ADD COLUMN tenant_id VARCHAR(64) NULL',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_deliveries' AND COLUMN_NAME = 'tenant_id'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_deliveries ADD INDEX cactus_webhook_deliveries_tenant_id_created_at_idx (tenant_id, created_at)',
        'DO 0')
    FROM INFORMATION_SCHEMA.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_deliveries'
        AND INDEX_NAME = 'cactus_webhook_deliveries_tenant_id_created_at_idx'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;
