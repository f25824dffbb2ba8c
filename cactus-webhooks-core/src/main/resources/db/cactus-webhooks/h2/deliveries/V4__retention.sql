-- Cactus Webhooks schema for H2 2.x (plain and MODE=PostgreSQL).
-- V4: retention. A message's payload may be removed (expunged) while its deliveries and attempts
-- are kept, so the payload becomes nullable and the time it was removed is recorded. The index
-- lets the purge find the oldest messages that still have a payload (and the messages that matched
-- no endpoint) without walking those already expunged. The lease table lets one node at a time
-- purge. Safe when run twice: every statement is a no-op on a database that has its object.

ALTER TABLE cactus_webhook_messages ALTER COLUMN payload SET NULL;
ALTER TABLE cactus_webhook_messages ADD COLUMN IF NOT EXISTS payload_expunged_at TIMESTAMP(6) WITH TIME ZONE;

CREATE INDEX IF NOT EXISTS cactus_webhook_messages_payload_expunged_at_created_at_idx
    ON cactus_webhook_messages (payload_expunged_at, created_at);

-- One row per lease (name retention): the node that holds it and until when. The row is created
-- by the first node that asks for the lease.
CREATE TABLE IF NOT EXISTS cactus_webhook_leases (
    name       VARCHAR(64)                 NOT NULL PRIMARY KEY,
    owner      VARCHAR(255),
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
