package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The adapter's auto-configurations one concern at a time: each on and off by its own condition,
 * the application's Clock, the store's DataSource against the transaction manager's, the schema
 * modes, and the in-memory store inside a transaction.
 */
class AutoConfigurationConcernsTest {

    private static final String SECRET = WebhookSecret.generate().encoded();

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all());

    private static DataSource h2Memory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:concerns-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private DataSource h2File() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db-" + UUID.randomUUID()).toAbsolutePath());
        return ds;
    }

    private static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        StringBuilder all = new StringBuilder();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void metricsOnlyWithAMeterRegistry() {
        runner.run(context -> assertThat(context).hasSingleBean(Webhooks.class).doesNotHaveBean(WebhookMetrics.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(WebhookMetrics.class).hasSingleBean(WebhookGauges.class));
    }

    @Test
    void healthIndicatorOnByDefaultAndOffByItsProperty() {
        runner.run(context -> assertThat(context).hasSingleBean(WebhooksHealthIndicator.class));
        runner.withPropertyValues("management.health.webhooks.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(Webhooks.class)
                        .doesNotHaveBean(WebhooksHealthIndicator.class));
    }

    @Test
    void actuatorEndpointOnlyWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=webhooks")
                .run(context -> assertThat(context).hasSingleBean(WebhooksEndpoint.class));
        runner.run(context -> assertThat(context).as("not exposed by default").hasSingleBean(Webhooks.class)
                .doesNotHaveBean(WebhooksEndpoint.class));
    }

    @Test
    void receiverFilterOnlyWhenEnabledInAWebApplication() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(WebhooksAutoConfigurations.all());
        web.run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
        web.withPropertyValues("cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.secrets[0]=" + SECRET,
                "cactus.webhooks.receiver.paths[0]=/hooks/**")
                .run(context -> assertThat(context).hasSingleBean(FilterRegistrationBean.class));
        runner.withPropertyValues("cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.secrets[0]=" + SECRET)
                .run(context -> assertThat(context).as("not a web application").doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void disabledAdapterLeavesEveryConcernOff() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("cactus.webhooks.enabled=false", "management.endpoints.web.exposure.include=webhooks")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Webhooks.class)
                        .doesNotHaveBean(WebhookMetrics.class).doesNotHaveBean(WebhooksHealthIndicator.class)
                        .doesNotHaveBean(WebhooksEndpoint.class).doesNotHaveBean(WebhookPublisher.class));
    }

    @Test
    void theApplicationsClockStampsTheStoreAndTheDispatcherAlike() {
        Instant fixed = Instant.parse("2031-05-06T07:08:09.123Z");
        runner.withBean(Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC))
                .withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=crm",
                        "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook")
                .run(context -> {
                    Webhooks webhooks = context.getBean(Webhooks.class);
                    webhooks.stop(); // only the stored times matter here
                    PublishReceipt receipt = context.getBean(WebhookPublisher.class)
                            .publish(EventType.of("client.created"), Map.of());
                    Delivery d = webhooks.reader().deliveries(DeliveryQuery.all()).get(0);
                    assertThat(d.messageId()).isEqualTo(receipt.messageId());
                    assertThat(d.createdAt()).as("the store's clock").isEqualTo(fixed);
                    assertThat(d.nextAttemptAt()).as("due at once by the same clock").isEqualTo(fixed);
                });
        runner.run(context -> assertThat(context).hasSingleBean(Webhooks.class)); // no Clock bean: the system clock
    }

    @Test
    void aTransactionManagerOnAnotherDataSourceFailsTheStartup() {
        DataSource store = h2Memory();
        DataSource other = h2Memory();
        runner.withBean(DataSource.class, () -> store)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(other))
                .run(context -> assertThat(failure(context))
                        .contains("manages another DataSource than the webhook store writes to"));
        runner.withBean(DataSource.class, () -> store)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(store))
                .run(context -> assertThat(context).as("the same DataSource").hasNotFailed()
                        .hasSingleBean(SpringWebhookPublisher.class));
    }

    @Test
    void schemaModes() {
        runner.withBean(DataSource.class, AutoConfigurationConcernsTest::h2Memory)
                .run(context -> assertThat(context).as("embedded (default) on H2 mem: created").hasNotFailed());
        runner.withBean(DataSource.class, this::h2File)
                .run(context -> assertThat(failure(context)).as("embedded (default) on a file: not created")
                        .contains("cactus.webhooks.jdbc.initialize-schema").contains("'always'"));
        runner.withBean(DataSource.class, this::h2File).withPropertyValues("cactus.webhooks.jdbc.initialize-schema=always")
                .run(context -> assertThat(context).hasNotFailed());
        runner.withBean(DataSource.class, AutoConfigurationConcernsTest::h2Memory)
                .withPropertyValues("cactus.webhooks.jdbc.initialize-schema=never")
                .run(context -> assertThat(failure(context)).contains("cactus.webhooks.jdbc.initialize-schema"));
    }

    @Test
    void theInMemoryStoreInATransactionStoresOnlyWhatCommits() {
        DataSource ds = h2Memory();
        runner.withBean(DataSource.class, () -> ds)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(ds))
                .withPropertyValues("cactus.webhooks.store=memory", "cactus.webhooks.secret=" + SECRET,
                        "cactus.webhooks.endpoints[0].name=crm", "cactus.webhooks.endpoints[0].url=https://crm.example.com/h")
                .run(context -> {
                    Webhooks webhooks = context.getBean(Webhooks.class);
                    webhooks.stop();
                    WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
                    TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

                    PublishReceipt rolledBack = tx.execute(status -> {
                        PublishReceipt r = publisher.publish(EventType.of("client.created"), Map.of("n", 1));
                        assertThat(webhooks.reader().message(r.messageId())).as("not before the commit").isEmpty();
                        status.setRollbackOnly();
                        return r;
                    });
                    PublishReceipt committed = tx.execute(status ->
                            publisher.publish(EventType.of("client.created"), Map.of("n", 2)));

                    assertThat(rolledBack.endpointIds()).containsExactly("crm");
                    assertThat(webhooks.reader().message(rolledBack.messageId())).as("rolled back: nothing").isEmpty();
                    assertThat(webhooks.reader().message(committed.messageId())).as("committed: stored").isPresent();
                    assertThat(webhooks.reader().count(DeliveryQuery.all())).isEqualTo(1);
                });
    }
}
