-- Cactus Webhooks schema for PostgreSQL 12+.
-- V11: the tenant that owns an endpoint (NULL: the application's own, as every endpoint stored
-- before V11). A tenant's endpoints are read with tenant_id = ?.
-- Safe when run twice (ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS).

ALTER TABLE cactus_webhook_endpoints ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64);
CREATE INDEX IF NOT EXISTS cactus_webhook_endpoints_tenant_id_idx ON cactus_webhook_endpoints (tenant_id);
