-- Cactus Webhooks schema for H2 2.x (plain and MODE=PostgreSQL).
-- V9: claims by endpoint. While one endpoint has a backlog, a claim first takes the oldest due
-- work of each other endpoint with room, up to that room, and the newest due first attempts of
-- the endpoint with the backlog. Both read this index, one endpoint's due range at a time (finished
-- rows, due_at NULL, fall outside the range). H2 reads it backwards for the newest first when the
-- query orders by both columns descending.
-- Safe when run twice: the statement is a no-op on a database that has the index.

CREATE INDEX IF NOT EXISTS cactus_webhook_deliveries_endpoint_id_due_at_idx
    ON cactus_webhook_deliveries (endpoint_id, due_at);
