-- Cactus Webhooks schema for H2 2.x (plain and MODE=PostgreSQL).
-- V8: whether an endpoint orders its deliveries by key (JdbcEndpointRegistry): UNORDERED (every
-- endpoint stored before V7), PER_KEY_BLOCK or PER_KEY_SKIP (EndpointOrdering).
-- Safe when run twice (ADD COLUMN IF NOT EXISTS).

ALTER TABLE cactus_webhook_endpoints ADD COLUMN IF NOT EXISTS ordering VARCHAR(16) DEFAULT 'UNORDERED'
    NOT NULL;
