-- Cactus Webhooks schema for PostgreSQL 12+.
-- V3: the W3C trace context of a message's publish (nullable columns). IF NOT EXISTS: a schema
-- created by the idempotent DDL just before versioned scripts has them already.

ALTER TABLE cactus_webhook_messages ADD COLUMN IF NOT EXISTS traceparent VARCHAR(55);
ALTER TABLE cactus_webhook_messages ADD COLUMN IF NOT EXISTS tracestate VARCHAR(512);
