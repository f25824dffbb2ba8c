package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spi.WebhookObserver;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The observation auto-configuration, one condition per test. */
class CactusWebhooksObservationAutoConfigurationTest {

    private static final W3cTraceContext TRACE = W3cTraceContext.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all());

    private final ApplicationContextRunner observed = runner
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class));

    @Test
    void withoutAnObservationRegistryNothingIsObserved() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookObserver.class)
                .doesNotHaveBean(WebhookAttemptTracingObservationHandler.class));
    }

    @Test
    void withAnObservationRegistryEveryAttemptIsObservedButWithoutATracerNothingIsTraced() {
        observed.run(context -> {
            assertThat(context).hasSingleBean(MicrometerWebhookObserver.class)
                    .doesNotHaveBean(TracerTraceContextSupplier.class)
                    .doesNotHaveBean(WebhookAttemptTracingObservationHandler.class);
            assertThat(context.getBean(MicrometerWebhookObserver.class).currentTraceContext()).isNull();
        });
    }

    @Test
    void withMicrometerTracingTheContextIsReadAndAttemptSpansAreMade() {
        observed.withConfiguration(AutoConfigurations.of(MicrometerTracingAutoConfiguration.class,
                NoopTracerAutoConfiguration.class)).run(context -> {
                    assertThat(context).hasSingleBean(TracerTraceContextSupplier.class)
                            .hasSingleBean(WebhookAttemptTracingObservationHandler.class);
                    assertThat(context.getBean(WebhookObserver.class).currentTraceContext())
                            .as("the no-op tracer has no current span").isNull();
                });
    }

    @Test
    void disabledWithTheRestOfWebhooks() {
        observed.withPropertyValues("cactus.webhooks.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(WebhookObserver.class)
                        .doesNotHaveBean(WebhooksBuilderCustomizer.class));
    }

    @Test
    void anObserverOfTheApplicationWinsAndIsGivenToWebhooks() {
        WebhookObserver mine = new WebhookObserver() {
            @Override
            public W3cTraceContext currentTraceContext() {
                return TRACE;
            }
        };
        observed.withBean(WebhookObserver.class, () -> mine).run(context -> {
            assertThat(context).doesNotHaveBean(MicrometerWebhookObserver.class);
            Webhooks webhooks = context.getBean(Webhooks.class);
            String id = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of())).messageId();
            assertThat(webhooks.reader().message(id).orElseThrow().traceContext()).contains(TRACE);
        });
    }

    @Test
    void aConventionOfTheApplicationIsUsed() {
        observed.withBean(WebhookAttemptObservationConvention.class, () -> new DefaultWebhookAttemptObservationConvention() {
            @Override
            public String getName() {
                return "my.webhook.attempt";
            }
        }).withBean(NameRecorder.class, NameRecorder::new).run(context -> {
            context.getBean(MicrometerWebhookObserver.class).attemptStarted(new io.cactus.webhooks.spi.AttemptStart(
                    "dlv_1", "msg_1", "crm", null, io.cactus.webhooks.EventType.of("client.created"), 1, null))
                    .finished(io.cactus.webhooks.delivery.AttemptOutcome.response(200, null, null, java.time.Duration.ZERO));
            assertThat(context.getBean(NameRecorder.class).names).containsExactly("my.webhook.attempt");
        });
    }

    /** Writes down the name of every observation that stops. */
    static final class NameRecorder implements io.micrometer.observation.ObservationHandler<io.micrometer.observation.Observation.Context> {
        final java.util.List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
            return true;
        }

        @Override
        public void onStop(io.micrometer.observation.Observation.Context context) {
            names.add(context.getName());
        }
    }

    @Test
    void theEndpointTagCapComesFromItsPropertyAndIsSharedWithTheMetrics() {
        observed.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("cactus.webhooks.metrics.max-endpoint-tags=7").run(context -> {
                    assertThat(context).hasSingleBean(EndpointTags.class).hasSingleBean(WebhookMetrics.class);
                    assertThat(context.getBean(EndpointTags.class).max()).isEqualTo(7);
                    assertThat(context.getBean(MicrometerWebhookObserver.class).toString()).contains("max=7");
                });
    }

    @Test
    void aNegativeEndpointTagCapFailsNamingTheProperty() {
        observed.withPropertyValues("cactus.webhooks.metrics.max-endpoint-tags=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("cactus.webhooks.metrics.max-endpoint-tags")
                    .hasStackTraceContaining("must be 0 or more, was -1");
        });
    }

    @Test
    void aNoopObservationRegistryOfTheApplicationIsRespected() {
        runner.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP)
                .run(context -> assertThat(context).hasSingleBean(MicrometerWebhookObserver.class).hasNotFailed());
    }
}
