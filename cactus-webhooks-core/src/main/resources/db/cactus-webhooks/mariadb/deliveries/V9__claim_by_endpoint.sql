-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V9: claims by endpoint. While one endpoint has a backlog, a claim first takes the oldest due
-- work of each other endpoint with room, up to that room, and the newest due first attempts of
-- the endpoint with the backlog. Both read this index, one endpoint's due range at a time (its
-- lower bound skips the NULLs of finished deliveries, there being no partial indexes here).
-- Safe to run again: the index is added only when it is missing (MySQL has no CREATE INDEX IF NOT
-- EXISTS), as in V4.

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_deliveries ADD INDEX cactus_webhook_deliveries_endpoint_id_due_at_idx (endpoint_id, due_at)',
        'DO 0')
    FROM INFORMATION_SCHEMA.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_deliveries'
        AND INDEX_NAME = 'cactus_webhook_deliveries_endpoint_id_due_at_idx'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;
