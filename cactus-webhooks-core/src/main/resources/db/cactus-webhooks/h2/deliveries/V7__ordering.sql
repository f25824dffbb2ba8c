-- Cactus Webhooks schema for H2 2.x (plain and MODE=PostgreSQL).
-- V7: ordered delivery per key. A delivery to an ordered endpoint of an event with an ordering key
-- has that key and its place among the key's deliveries to that endpoint (ordering_seq, from 1).
-- The places are handed out from one row per endpoint and key in cactus_webhook_ordering_keys,
-- which the publishing transaction locks until it commits, so they follow the order of commit. A
-- claim skips a delivery while an earlier one of its key and endpoint is unfinished (finished_at
-- NULL): the index leads with the key and the finish time, so that check reads the key's open
-- deliveries only, never its history.
-- Safe when run twice: every statement is a no-op on a database that has its object.

ALTER TABLE cactus_webhook_deliveries ADD COLUMN IF NOT EXISTS ordering_key VARCHAR(255);
ALTER TABLE cactus_webhook_deliveries ADD COLUMN IF NOT EXISTS ordering_seq BIGINT;

CREATE INDEX IF NOT EXISTS cactus_webhook_deliveries_ordering_key_idx
    ON cactus_webhook_deliveries (endpoint_id, ordering_key, finished_at, ordering_seq);

CREATE TABLE IF NOT EXISTS cactus_webhook_ordering_keys (
    endpoint_id  VARCHAR(64)  NOT NULL,
    ordering_key VARCHAR(255) NOT NULL,
    last_seq     BIGINT       NOT NULL,
    PRIMARY KEY (endpoint_id, ordering_key)
);
