package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * docs/storage.md's Spring Boot Flyway snippet: the app's own migrations (the example's
 * {@code db/migration}) and the webhook tables, each with its own history, on a fresh H2 file; the
 * library's built-in migrator off; the webhook beans start on the tables Flyway made. In a
 * package of its own, so that the example's component scan does not pick the snippet up beside
 * the example's own strategy.
 */
class WebhookTablesFlywaySnippetTest {

    @TempDir
    Path dir;

    @Test
    void flywayRunsTheAppsMigrationsThenTheWebhookTablesWithTheirOwnHistory() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class, CactusWebhooksAutoConfiguration.class))
                .withUserConfiguration(WebhookTablesFlywayConfiguration.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                        "spring.flyway.locations=classpath:db/migration", "cactus.webhooks.jdbc.initialize-schema=never",
                        "cactus.webhooks.endpoint-registry=jdbc")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
                    assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\""
                            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class))
                            .containsExactly("1", "2", "3", "4");
                    assertThat(jdbc.queryForList("SELECT \"version\" FROM \"cactus_webhook_flyway_history\""
                            + " WHERE \"type\" = 'SQL' ORDER BY \"installed_rank\"", String.class))
                            .contains("1", "2", "3", "5");
                    assertThat(context.getBean(Webhooks.class).reader().endpoints()).isEmpty();
                });
    }
}
