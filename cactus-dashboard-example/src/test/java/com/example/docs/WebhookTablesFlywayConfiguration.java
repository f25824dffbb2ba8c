package com.example.docs;

// tag::strategy[]
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookTablesFlywayConfiguration {

    /** Boot's Flyway runs the application's migrations, then the webhook tables' with a history of their own. */
    @Bean
    FlywayMigrationStrategy applicationThenWebhookTables() {
        return flyway -> {
            flyway.migrate();
            DataSource dataSource = flyway.getConfiguration().getDataSource();
            List<String> locations = new PlatformPlaceholderDatabaseDriverResolver("{vendor}").resolveAll(dataSource,
                    "classpath:db/cactus-webhooks/{vendor}/deliveries", // {vendor}: h2 or postgresql, as Boot resolves it
                    "classpath:db/cactus-webhooks/{vendor}/endpoints"); // only with the JDBC endpoint registry
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .table("cactus_webhook_flyway_history")
                    .baselineOnMigrate(true) // the schema already holds the application's tables...
                    .baselineVersion("0") // ...and the baseline sits below V1, so V1 runs
                    .load()
                    .migrate();
        };
    }
}
// end::strategy[]
