package io.cactus.webhooks.jdbc;

/** The migrator on H2 with {@code MODE=PostgreSQL} and lower-case names, as apps that test against H2 run it. */
class H2PostgresModeSchemaMigratorIT extends H2FileSchemaMigratorIT {

    @Override
    String options() {
        return TestDatabases.H2_POSTGRES_MODE;
    }
}
