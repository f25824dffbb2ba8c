package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Tracing end to end in a Boot context with Boot's own OpenTelemetry tracing (Micrometer Tracing's
 * OTel bridge, W3C propagation) and the SDK's in-memory exporter: a publish inside a span stores
 * its context, the receiver gets that trace's {@code traceparent}, and the attempt's CLIENT span is
 * the root of its own trace with a link to the publishing span; with the header turned off the
 * link remains and no header is sent.
 */
class WebhookTracingIT {

    private static final String SECRET = WebhookSecret.generate().encoded();

    private final MockWebServer receiver = new MockWebServer();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private ApplicationContextRunner runner;

    @BeforeEach
    void start() throws IOException {
        receiver.start();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                        CactusWebhooksAutoConfiguration.class, CactusWebhooksObservationAutoConfiguration.class))
                .withBean("inMemorySpanExporter", InMemorySpanExporter.class, () -> spans)
                .withPropertyValues("management.tracing.sampling.probability=1.0",
                        "cactus.webhooks.security.allow-private-networks=true",
                        "cactus.webhooks.secret=" + SECRET,
                        "cactus.webhooks.endpoints[0].name=crm",
                        "cactus.webhooks.endpoints[0].url=" + receiver.url("/hooks/crm"));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = receiver.takeRequest(20, TimeUnit.SECONDS);
        assertThat(r).as("a request within 20 s").isNotNull();
        return r;
    }

    /** Publishes inside a span of its own and returns that span's context. */
    private static io.micrometer.tracing.TraceContext publishInSpan(AssertableApplicationContext context) {
        Tracer tracer = context.getBean(Tracer.class);
        Span publish = tracer.nextSpan().name("create client").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(publish)) {
            context.getBean(WebhookPublisher.class).publish(WebhookEvent.of("client.created", Map.of("id", 7)));
        } finally {
            publish.end();
        }
        return publish.context();
    }

    /** The exported attempt span, once the batch processor has handed it over. */
    private SpanData attemptSpan(AssertableApplicationContext context) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
            return spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("webhook crm")).findFirst().orElse(null);
        }, s -> s != null);
    }

    @Test
    void theReceiverJoinsThePublishersTraceAndTheAttemptSpanLinksToThePublish() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WebhookAttemptTracingObservationHandler.class);
            io.micrometer.tracing.TraceContext published = publishInSpan(context);

            RecordedRequest request = take();
            assertThat(request.getHeaders().get("traceparent")).as("the publish's context, unchanged")
                    .isEqualTo("00-" + published.traceId() + "-" + published.spanId() + "-01");
            WebhookVerifier.builder().secret(io.cactus.webhooks.signing.WebhookSecret.parse(SECRET)).build()
                    .verify(request.getBody().toByteArray(), WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap()));

            SpanData attempt = attemptSpan(context);
            assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(attempt.getParentSpanContext().isValid()).as("a root, not a child of the publish").isFalse();
            assertThat(attempt.getTraceId()).isNotEqualTo(published.traceId());
            List<LinkData> links = attempt.getLinks();
            assertThat(links).singleElement().satisfies(link -> {
                assertThat(link.getSpanContext().getTraceId()).isEqualTo(published.traceId());
                assertThat(link.getSpanContext().getSpanId()).isEqualTo(published.spanId());
                assertThat(link.getSpanContext().isSampled()).isTrue();
            });
            assertThat(attempt.getAttributes().asMap()).extractingFromEntries(e -> e.getKey().getKey())
                    .contains("endpoint", "outcome", "status.class", "failure.kind", "cactus.webhooks.message.id",
                            "http.response.status_code");
            assertThat(attempt.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("status.class")))
                    .isEqualTo("2xx");

            Timer timer = await().until(() -> context.getBean(MeterRegistry.class).find("cactus.webhooks.attempt")
                    .tags("endpoint", "crm", "outcome", "success", "status.class", "2xx", "failure.kind", "none")
                    .timer(), t -> t != null && t.count() == 1);
            assertThat(timer.count()).isEqualTo(1);
        });
    }

    @Test
    void withTheHeaderTurnedOffTheReceiverGetsNoTraceparentButTheLinkRemains() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        runner.withPropertyValues("cactus.webhooks.tracing.send-traceparent=false").run(context -> {
            io.micrometer.tracing.TraceContext published = publishInSpan(context);

            RecordedRequest request = take();
            assertThat(request.getHeaders().get("traceparent")).isNull();
            assertThat(request.getHeaders().get("tracestate")).isNull();
            assertThat(attemptSpan(context).getLinks()).singleElement()
                    .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(published.spanId()));
        });
    }

    @Test
    void withB3PropagationTheTraceparentIsBuiltFromTheSpansIds() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        runner.withPropertyValues("management.tracing.propagation.type=b3").run(context -> {
            assertThat(context.getBean(io.micrometer.tracing.propagation.Propagator.class).fields())
                    .as("the application's propagator writes no traceparent").contains("b3").doesNotContain("traceparent");
            io.micrometer.tracing.TraceContext published = publishInSpan(context);

            RecordedRequest request = take();
            assertThat(request.getHeaders().get("traceparent"))
                    .isEqualTo("00-" + published.traceId() + "-" + published.spanId() + "-01");
            assertThat(request.getHeaders().get("tracestate")).isNull();
            assertThat(request.getHeaders().get("b3")).as("the library sends W3C only").isNull();
        });
    }

    @Test
    void aPublishOutsideAnySpanSendsNoTraceparentAndItsAttemptHasNoLink() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        runner.run(context -> {
            String id = context.getBean(WebhookPublisher.class)
                    .publish(WebhookEvent.of("client.created", Map.of("id", 8))).messageId();

            assertThat(take().getHeaders().get("traceparent")).isNull();
            assertThat(context.getBean(Webhooks.class).reader().message(id).orElseThrow().traceContext()).isEmpty();
            assertThat(attemptSpan(context).getLinks()).isEmpty();
        });
    }
}
