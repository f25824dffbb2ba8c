-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V7: ordered delivery per key. A delivery to an ordered endpoint of an event with an ordering key
-- has that key and its place among the key's deliveries to that endpoint (ordering_seq, from 1).
-- The places are handed out from one row per endpoint and key in cactus_webhook_ordering_keys,
-- which the publishing transaction locks until it commits, so they follow the order of commit. A
-- claim skips a delivery while an earlier one of its key and endpoint is unfinished (finished_at
-- NULL): the index leads with the key and the finish time (no partial indexes here), so that check
-- reads the key's open deliveries only, never its history.
-- Safe to run again: the ALTER that adds the columns and the index runs only when the first column
-- is missing (MySQL has no ADD COLUMN IF NOT EXISTS), as in V4.

SET @cactus_webhooks_ddl = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE cactus_webhook_deliveries ADD COLUMN ordering_key VARCHAR(255), ADD COLUMN ordering_seq BIGINT, ADD INDEX cactus_webhook_deliveries_ordering_key_idx (endpoint_id, ordering_key, finished_at, ordering_seq)',
        'DO 0')
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cactus_webhook_deliveries' AND COLUMN_NAME = 'ordering_key'
);
PREPARE cactus_webhooks_ddl FROM @cactus_webhooks_ddl;
EXECUTE cactus_webhooks_ddl;
DEALLOCATE PREPARE cactus_webhooks_ddl;

CREATE TABLE IF NOT EXISTS cactus_webhook_ordering_keys (
    endpoint_id  VARCHAR(64)  NOT NULL,
    ordering_key VARCHAR(255) NOT NULL,
    last_seq     BIGINT       NOT NULL,
    PRIMARY KEY (endpoint_id, ordering_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;
