-- Cactus Webhooks schema for MariaDB 10.6+ and MySQL 8 (InnoDB).
-- V2: the endpoint registry's tables (JdbcEndpointRegistry, not needed by the delivery store), as
-- on H2 and PostgreSQL. utf8mb4 with a binary collation, DATETIME(6) in UTC, as V1.
-- Safe to run again (IF NOT EXISTS): DDL commits by itself here, so a script that stopped halfway
-- runs again in full. A released script never changes: add the next version.

CREATE TABLE IF NOT EXISTS cactus_webhook_endpoints (
    id                    VARCHAR(64)      NOT NULL PRIMARY KEY,
    url                   VARCHAR(2048)    NOT NULL,
    filters               VARCHAR(4000)    NOT NULL,
    enabled               BOOLEAN          NOT NULL,
    secrets               VARCHAR(2000)    NOT NULL,
    auth_type             VARCHAR(16)      NOT NULL,
    auth_name             VARCHAR(255),
    auth_value            VARCHAR(4000),
    header_style          VARCHAR(16)      NOT NULL,
    max_in_flight         INTEGER          NOT NULL,
    rate_limit_per_second DOUBLE PRECISION NOT NULL,
    updated_at            DATETIME(6)      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;

CREATE TABLE IF NOT EXISTS cactus_webhook_endpoint_headers (
    endpoint_id  VARCHAR(64)   NOT NULL,
    header_index INTEGER       NOT NULL,
    header_name  VARCHAR(255)  NOT NULL,
    header_value VARCHAR(4000) NOT NULL,
    PRIMARY KEY (endpoint_id, header_index),
    CONSTRAINT cactus_webhook_endpoint_headers_endpoint_id_fk FOREIGN KEY (endpoint_id)
        REFERENCES cactus_webhook_endpoints (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin ROW_FORMAT = DYNAMIC;
