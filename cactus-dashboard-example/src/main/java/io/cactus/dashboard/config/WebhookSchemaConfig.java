package io.cactus.dashboard.config;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook tables are created and upgraded by Flyway too, the way docs/storage.md tells Flyway
 * users: Boot's Flyway runs the app's own migrations ({@code db/migration}, history
 * {@code flyway_schema_history}), then a second Flyway runs the core jar's versioned scripts
 * ({@code cactus.dashboard.webhook-schema.locations}, {@code {vendor}} resolved from the DataSource
 * as Boot resolves it) with a history table of their own, so that the library's V1, V2, ... never
 * meet the app's. The library's built-in migrator stays off ({@code cactus.webhooks.jdbc.initialize-schema=never});
 * the webhook beans are built after this migration (they depend on database initialization).
 */
@Configuration(proxyBeanMethods = false)
class WebhookSchemaConfig {

    private static final Logger log = LoggerFactory.getLogger(WebhookSchemaConfig.class);

    @Bean
    FlywayMigrationStrategy appMigrationsThenWebhookTables(
            @Value("${cactus.dashboard.webhook-schema.locations}") String[] locations,
            @Value("${cactus.dashboard.webhook-schema.history-table}") String historyTable) {
        return flyway -> {
            // a database migrated by a newer build: refuse before touching it (docs/operations.md)
            refuseNewer(flyway, "app schema (flyway_schema_history)");
            flyway.migrate(); // the app's own first: Flyway starts a history only on an empty schema, unless told to baseline
            DataSource dataSource = flyway.getConfiguration().getDataSource();
            List<String> resolved = new PlatformPlaceholderDatabaseDriverResolver("{vendor}").resolveAll(dataSource,
                    locations);
            Flyway webhookTables = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(resolved.toArray(String[]::new))
                    .table(historyTable)
                    .baselineOnMigrate(true) // the schema holds the app's tables already...
                    .baselineVersion("0") // ...and the baseline sits below V1, so every script runs
                    .load();
            refuseNewer(webhookTables, "webhook tables' schema (" + historyTable + ")");
            int applied = webhookTables.migrate().migrationsExecuted;
            log.info("Webhook tables: {} script(s) applied by Flyway from {} (history {})", applied, resolved,
                    historyTable);
        };
    }

    private static void refuseNewer(Flyway flyway, String history) {
        NewerDatabase.check(flyway, history).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }
}
