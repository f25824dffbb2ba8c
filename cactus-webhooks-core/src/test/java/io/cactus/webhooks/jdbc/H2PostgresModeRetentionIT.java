package io.cactus.webhooks.jdbc;

/** Retention on H2 in file mode with the options of its PostgreSQL mode (the same plans as plain H2). */
class H2PostgresModeRetentionIT extends H2FileRetentionIT {

    @Override
    String urlOptions() {
        return TestDatabases.H2_POSTGRES_MODE;
    }
}
