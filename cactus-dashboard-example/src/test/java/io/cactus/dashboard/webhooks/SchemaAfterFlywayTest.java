package io.cactus.dashboard.webhooks;

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

/**
 * With Flyway owning the schema ({@code initialize-schema=never}), the webhook store is built after
 * the migrations ran: the adapter's beans depend on database initialization, as Boot's do.
 */
class SchemaAfterFlywayTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        CactusWebhooksAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                        // the core jar's versioned scripts, as docs/storage.md tells Flyway users
                        "spring.flyway.locations=classpath:db/cactus-webhooks/{vendor}",
                        "cactus.webhooks.jdbc.initialize-schema=never", "cactus.webhooks.endpoint-registry=static");
    }

    @Test
    void theStoreIsBuiltAfterFlywaysMigrations() {
        runner().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Webhooks.class);
                    assertThat(context.getBean(Webhooks.class).reader().backlog().pending()).isZero();
                });
    }

    @Test
    void withoutTheMigrationTheStartupNamesTheSetting() {
        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("cactus.webhooks.jdbc.initialize-schema");
        });
    }
}
