-- TEST FIXTURE: an application's own Flyway migrations, numbered from V1 as the example app's are.
CREATE TABLE clients (
    id   BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);
