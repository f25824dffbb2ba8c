-- Cactus Webhooks schema for H2 2.x (plain and MODE=PostgreSQL).
-- V5: who owns an endpoint's settings (JdbcEndpointRegistry). source is RUNTIME (editable at
-- runtime, every endpoint stored before V5) or CONFIGURATION (written from the application's
-- configuration at startup, read-only at runtime), source_origin says where it is configured, and
-- configured_enabled is the enabled value that configuration gave at the last startup, so that a
-- runtime disable lasts until the configured value changes.
-- Safe when run twice (ADD COLUMN IF NOT EXISTS).

ALTER TABLE cactus_webhook_endpoints ADD COLUMN IF NOT EXISTS source VARCHAR(16) DEFAULT 'RUNTIME'
    NOT NULL;
ALTER TABLE cactus_webhook_endpoints ADD COLUMN IF NOT EXISTS source_origin VARCHAR(1000);
ALTER TABLE cactus_webhook_endpoints ADD COLUMN IF NOT EXISTS configured_enabled BOOLEAN;
