-- TEST FIXTURE: an application's own Flyway migrations, numbered from V1 as the example app's are.
CREATE TABLE alerts (
    id      BIGINT NOT NULL PRIMARY KEY,
    message VARCHAR(1000) NOT NULL
);
