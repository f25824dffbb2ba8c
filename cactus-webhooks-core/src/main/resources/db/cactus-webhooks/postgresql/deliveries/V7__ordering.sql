-- Cactus Webhooks schema for PostgreSQL 12+.
-- V7: ordered delivery per key. A delivery to an ordered endpoint of an event with an ordering key
-- has that key and its place among the key's deliveries to that endpoint (ordering_seq, from 1).
-- The places are handed out from one row per endpoint and key in cactus_webhook_ordering_keys,
-- which the publishing transaction locks until it commits: a second publisher of the same key
-- waits, so the places follow the order of commit, not of insert. A claim skips a delivery while
-- an earlier one of its key and endpoint is unfinished (finished_at NULL): the partial index holds
-- only those, so that check costs the key's open deliveries, never its history.
-- Safe when run twice: every statement is a no-op on a database that has its object.

ALTER TABLE cactus_webhook_deliveries ADD COLUMN IF NOT EXISTS ordering_key VARCHAR(255);
ALTER TABLE cactus_webhook_deliveries ADD COLUMN IF NOT EXISTS ordering_seq BIGINT;

CREATE INDEX IF NOT EXISTS cactus_webhook_deliveries_ordering_key_idx
    ON cactus_webhook_deliveries (endpoint_id, ordering_key, ordering_seq)
    WHERE ordering_key IS NOT NULL AND finished_at IS NULL;

CREATE TABLE IF NOT EXISTS cactus_webhook_ordering_keys (
    endpoint_id  VARCHAR(64)  NOT NULL,
    ordering_key VARCHAR(255) NOT NULL,
    last_seq     BIGINT       NOT NULL,
    PRIMARY KEY (endpoint_id, ordering_key)
);
