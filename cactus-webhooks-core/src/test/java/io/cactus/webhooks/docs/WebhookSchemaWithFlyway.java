package io.cactus.webhooks.docs;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** docs/storage.md: Flyway runs the library's scripts; FlywaySchemaContract runs this on H2 and PostgreSQL. */
public final class WebhookSchemaWithFlyway {

    private WebhookSchemaWithFlyway() {
    }

    // tag::own-history[]
    /**
     * Runs the webhook tables' scripts with a history table of their own, so that their versions
     * never meet the application's. Call it after the application's own migrations.
     */
    public static void migrateWebhookTables(DataSource dataSource, String database) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/cactus-webhooks/" + database) // "h2", "postgresql" or "mariadb"
                .table("cactus_webhook_flyway_history")
                .baselineOnMigrate(true) // the schema already holds the application's tables...
                .baselineVersion("0") // ...and the baseline sits below V1, so V1 runs
                .load()
                .migrate();
    }
    // end::own-history[]
}
