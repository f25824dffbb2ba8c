package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code cactus.webhooks.retention.*}: bound, mapped onto the core's policy, refused naming the property; and its meters. */
class RetentionPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all())
            .withPropertyValues("cactus.webhooks.store=memory");

    @Test
    void unsetTheCoresDefaultsApply() {
        runner.run(context -> assertThat(context.getBean(Webhooks.class).retentionPolicy())
                .isEqualTo(RetentionPolicy.defaults()));
    }

    @Test
    void everyPropertyReachesThePolicy() {
        runner.withPropertyValues("cactus.webhooks.retention.succeeded=2d", "cactus.webhooks.retention.dead=45d",
                "cactus.webhooks.retention.cancelled=10d", "cactus.webhooks.retention.payloads=1d",
                "cactus.webhooks.retention.interval=15m", "cactus.webhooks.retention.batch-size=1000")
                .run(context -> assertThat(context.getBean(Webhooks.class).retentionPolicy()).isEqualTo(
                        RetentionPolicy.builder().succeeded(Duration.ofDays(2)).dead(Duration.ofDays(45))
                                .cancelled(Duration.ofDays(10)).payloads(Duration.ofDays(1))
                                .interval(Duration.ofMinutes(15)).batchSize(1000).build()));
    }

    @Test
    void disabledByProperty() {
        runner.withPropertyValues("cactus.webhooks.retention.enabled=false")
                .run(context -> assertThat(context.getBean(Webhooks.class).retentionPolicy().enabled()).isFalse());
    }

    @Test
    void aDurationThatIsNotOneFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.retention.succeeded=a week").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof BindException)) {
                t = t.getCause();
            }
            assertThat(t).as("Boot's bind failure in %s", context.getStartupFailure()).isInstanceOf(BindException.class);
            BindException bind = (BindException) t;
            assertThat(bind.getProperty().getName()).hasToString("cactus.webhooks.retention.succeeded");
            assertThat(bind.getProperty().getValue()).isEqualTo("a week");
            assertThat(bind.getMessage()).contains("cactus.webhooks.retention.succeeded").contains("java.time.Duration");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cactus.webhooks.retention.succeeded=0s | cactus.webhooks.retention.succeeded | succeeded must be a positive duration, was PT0S",
            "cactus.webhooks.retention.dead=-1d | cactus.webhooks.retention.dead | dead must be a positive duration, was PT-24H",
            "cactus.webhooks.retention.cancelled=0s | cactus.webhooks.retention.cancelled | cancelled must be a positive duration",
            "cactus.webhooks.retention.payloads=0s | cactus.webhooks.retention.payloads | payloads must be a positive duration",
            "cactus.webhooks.retention.interval=10ms | cactus.webhooks.retention.interval | interval must be at least 1 second, was PT0.01S",
            "cactus.webhooks.retention.batch-size=0 | cactus.webhooks.retention.batch-size | batchSize must be 1 to 10000, was 0" })
    void aValueTheCoreRefusesFailsNamingTheProperty(String value, String property, String reason) {
        runner.withPropertyValues(value).run(context -> {
            InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.problem()).contains(reason);
            assertThat(e.origin()).as("where it was set").isPresent();
        });
    }

    @Test
    void aRetentionRunIsCountedPerTableAndOutcomeAndTheOldestAgeIsAGauge() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            WebhookMetrics metrics = context.getBean(WebhookMetrics.class);
            Instant now = Instant.now();
            metrics.onRetentionRun(new RetentionReport(true, now,
                    Map.of(DeliveryStatus.SUCCEEDED, 5000L, DeliveryStatus.DEAD, 2L),
                    Map.of(DeliveryStatus.SUCCEEDED, 5100L, DeliveryStatus.DEAD, 16L), 4000, 300, 5,
                    Map.of(DeliveryStatus.DEAD, now.minus(Duration.ofDays(29)))));

            assertThat(registry.get("cactus.webhooks.retention.purged").tags("table", "deliveries", "outcome", "succeeded")
                    .counter().count()).isEqualTo(5000);
            assertThat(registry.get("cactus.webhooks.retention.purged").tags("table", "attempts", "outcome", "dead")
                    .counter().count()).isEqualTo(16);
            assertThat(registry.get("cactus.webhooks.retention.purged").tags("table", "messages", "outcome", "any")
                    .counter().count()).isEqualTo(4000);
            assertThat(registry.get("cactus.webhooks.retention.expunged").counter().count()).isEqualTo(300);
            assertThat(registry.get("cactus.webhooks.retention.batches").counter().count()).isEqualTo(5);
            assertThat(registry.get("cactus.webhooks.retention.runs").tag("result", "purged").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("cactus.webhooks.retention.oldest.age").tag("outcome", "dead").timeGauge()
                    .value(java.util.concurrent.TimeUnit.DAYS)).isBetween(28.9, 29.1);
            assertThat(registry.get("cactus.webhooks.retention.oldest.age").tag("outcome", "succeeded").timeGauge()
                    .value()).as("none kept").isZero();
        });
    }
}
