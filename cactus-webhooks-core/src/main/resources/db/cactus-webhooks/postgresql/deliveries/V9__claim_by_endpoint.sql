-- Cactus Webhooks schema for PostgreSQL 12+.
-- V9: claims by endpoint. While one endpoint has a backlog, a claim first takes the oldest due
-- work of each other endpoint with room, up to that room, and the newest due first attempts of
-- the endpoint with the backlog. Both read this index, one endpoint's due range at a time. It is
-- partial, as the due-time index: finished deliveries (due_at NULL) are not in it.
-- Safe when run twice: the statement is a no-op on a database that has the index.

CREATE INDEX IF NOT EXISTS cactus_webhook_deliveries_endpoint_id_due_at_idx
    ON cactus_webhook_deliveries (endpoint_id, due_at) WHERE due_at IS NOT NULL;
