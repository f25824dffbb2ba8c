-- Cactus Webhooks schema for PostgreSQL 12+.
-- V10: tenants. A message and its deliveries belong to the tenant of the event (NULL: the
-- application's own, as every row stored before V10). The deliveries carry it too, so that a
-- tenant's view filters deliveries with tenant_id = ? without a join, newest first on the index.
-- Safe when run twice (ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS).

ALTER TABLE cactus_webhook_messages ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64);
ALTER TABLE cactus_webhook_deliveries ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64);
CREATE INDEX IF NOT EXISTS cactus_webhook_deliveries_tenant_id_created_at_idx
    ON cactus_webhook_deliveries (tenant_id, created_at);
