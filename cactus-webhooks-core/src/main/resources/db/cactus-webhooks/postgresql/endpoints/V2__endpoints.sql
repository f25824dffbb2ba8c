-- Cactus Webhooks schema for PostgreSQL 12+.
-- V2: the endpoint registry's tables as of 0.1 (JdbcEndpointRegistry, not needed by the delivery
-- store).
-- Safe on a database that already has these objects (IF NOT EXISTS): a schema created by 0.1's
-- idempotent DDL is adopted by running it. A released script never changes: add the next version.

CREATE TABLE IF NOT EXISTS cactus_webhook_endpoints (
    id                    VARCHAR(64)                 NOT NULL PRIMARY KEY,
    url                   VARCHAR(2048)               NOT NULL,
    filters               VARCHAR(4000)               NOT NULL,
    enabled               BOOLEAN                     NOT NULL,
    secrets               VARCHAR(2000)               NOT NULL,
    auth_type             VARCHAR(16)                 NOT NULL,
    auth_name             VARCHAR(255),
    auth_value            VARCHAR(4000),
    header_style          VARCHAR(16)                 NOT NULL,
    max_in_flight         INTEGER                     NOT NULL,
    rate_limit_per_second DOUBLE PRECISION            NOT NULL,
    updated_at            TIMESTAMPTZ                 NOT NULL
);

CREATE TABLE IF NOT EXISTS cactus_webhook_endpoint_headers (
    endpoint_id  VARCHAR(64)   NOT NULL REFERENCES cactus_webhook_endpoints (id) ON DELETE CASCADE,
    header_index INTEGER       NOT NULL,
    header_name  VARCHAR(255)  NOT NULL,
    header_value VARCHAR(4000) NOT NULL,
    PRIMARY KEY (endpoint_id, header_index)
);
