-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V1: the delivery store's tables (messages, deliveries, attempts, endpoint health), as on H2 and
-- PostgreSQL.
-- Timestamps are UTC instants with microsecond precision in DATETIME(6): the library writes and
-- reads them as UTC wall-clock time, so that no time zone (server, session or JVM) takes part, and
-- they do not end in 2038 as TIMESTAMP does. Text is utf8mb4 with a binary collation, so that ids
-- compare exactly, as on the other databases.
-- DDL commits by itself here, so a script that stopped halfway runs again in full: each table is
-- created with its indexes in one statement, IF NOT EXISTS. InnoDB has no partial index: the due_at
-- index also holds the NULLs of finished deliveries, which every due-time query skips by its lower
-- bound. There was no MariaDB schema before versioned scripts, so failure_kind is part of the table.
-- A released script never changes: add the next version.

CREATE TABLE IF NOT EXISTS cactus_webhook_messages (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    event_type  VARCHAR(255) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    payload     LONGBLOB     NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;

CREATE TABLE IF NOT EXISTS cactus_webhook_deliveries (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    message_id       VARCHAR(64)   NOT NULL,
    endpoint_id      VARCHAR(64)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    due_at           DATETIME(6),
    lease_owner      VARCHAR(255),
    lease_token      VARCHAR(64),
    created_at       DATETIME(6)   NOT NULL,
    last_attempt_at  DATETIME(6),
    finished_at      DATETIME(6),
    last_status_code INTEGER,
    last_error       VARCHAR(1000),
    INDEX cactus_webhook_deliveries_due_at_idx (due_at),
    INDEX cactus_webhook_deliveries_message_id_idx (message_id),
    INDEX cactus_webhook_deliveries_endpoint_id_status_idx (endpoint_id, status),
    INDEX cactus_webhook_deliveries_created_at_idx (created_at),
    INDEX cactus_webhook_deliveries_status_finished_at_idx (status, finished_at),
    CONSTRAINT cactus_webhook_deliveries_message_id_fk FOREIGN KEY (message_id)
        REFERENCES cactus_webhook_messages (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;

CREATE TABLE IF NOT EXISTS cactus_webhook_attempts (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    delivery_id      VARCHAR(64)   NOT NULL,
    attempt          INTEGER       NOT NULL,
    started_at       DATETIME(6)   NOT NULL,
    duration_ms      BIGINT        NOT NULL,
    status_code      INTEGER,
    error            VARCHAR(1000),
    response_excerpt VARCHAR(4096),
    failure_kind     VARCHAR(32),
    INDEX cactus_webhook_attempts_delivery_id_idx (delivery_id),
    CONSTRAINT cactus_webhook_attempts_delivery_id_fk FOREIGN KEY (delivery_id)
        REFERENCES cactus_webhook_deliveries (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;

-- Endpoint circuit states shared by every node: one row per endpoint that is not clean (healthy without failures).
-- No foreign key: endpoints may come from a static registry, not from cactus_webhook_endpoints.
CREATE TABLE IF NOT EXISTS cactus_webhook_endpoint_health (
    endpoint_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    state                VARCHAR(16)  NOT NULL,
    consecutive_failures INTEGER      NOT NULL,
    failing_since        DATETIME(6),
    paused_until         DATETIME(6),
    last_pause_ms        BIGINT,
    probe_owner          VARCHAR(255),
    probe_until          DATETIME(6),
    updated_at           DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;
