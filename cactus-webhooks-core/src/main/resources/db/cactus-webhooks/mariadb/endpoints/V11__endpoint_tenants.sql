-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V11: the tenant that owns an endpoint (NULL: the application's own, as every endpoint stored
-- before V11). A tenant's endpoints are read with tenant_id = ?.
-- Safe to run again: the column and the index are added only when missing, as in V8.

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_endpoints ADD COLUMN tenant_id VARCHAR(64) NULL',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_endpoints' AND COLUMN_NAME = 'tenant_id'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_endpoints ADD INDEX cactus_webhook_endpoints_tenant_id_idx (tenant_id)',
        'DO 0')
    FROM INFORMATION_SCHEMA.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_endpoints'
        AND INDEX_NAME = 'cactus_webhook_endpoints_tenant_id_idx'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;
