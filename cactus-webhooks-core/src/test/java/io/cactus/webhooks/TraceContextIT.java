package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.AttemptObservation;
import io.cactus.webhooks.spi.AttemptStart;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.WebhookObserver;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trace context of a publish, end to end: the observer's context is stored with the message,
 * sent unchanged on every attempt as {@code traceparent}/{@code tracestate} (outside the signature),
 * handed to the observer at each attempt, and nothing of it when there is none or it is turned off.
 */
class TraceContextIT {

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final W3cTraceContext PUBLISHED = new W3cTraceContext(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7");

    private final MutableClock clock = MutableClock.startingNow();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final MockWebServer server = new MockWebServer();
    private final RecordingObserver observer = new RecordingObserver();
    private Webhooks webhooks;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        if (webhooks != null) {
            webhooks.close();
        }
        server.close();
    }

    private void webhooks(Consumer<Webhooks.Builder> config) {
        Webhooks.Builder b = Webhooks.builder()
                .clock(clock)
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build())
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(STEP).build())
                .endpoint(Endpoint.builder("a", server.url("/hook").toString()).secret(secret).build())
                .shutdownTimeout(Duration.ofSeconds(2));
        config.accept(b);
        webhooks = b.build().start();
    }

    private String publish() {
        return webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of("id", 1))).messageId();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(20, TimeUnit.SECONDS);
        assertThat(r).as("a request within 20 s").isNotNull();
        return r;
    }

    private void awaitStatus(String messageId, DeliveryStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.reader().deliveries(DeliveryQuery.all()).stream()
                .anyMatch(d -> d.messageId().equals(messageId) && d.status() == status));
    }

    @Test
    void everyAttemptSendsThePublishedContextUnsignedAndTheObserverSeesEachAttempt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        observer.current = PUBLISHED;
        webhooks(b -> b.observer(observer));

        String id = publish();
        observer.current = null; // what is sent is what was current at publish, not later
        RecordedRequest first = take();
        awaitStatus(id, DeliveryStatus.RETRYING);
        clock.advance(STEP.plusSeconds(1));
        webhooks.wake();
        RecordedRequest second = take();
        awaitStatus(id, DeliveryStatus.SUCCEEDED);

        for (RecordedRequest r : List.of(first, second)) {
            assertThat(r.getHeaders().get("traceparent")).isEqualTo(PUBLISHED.traceparent());
            assertThat(r.getHeaders().get("tracestate")).isEqualTo(PUBLISHED.tracestate());
            WebhookVerifier.builder().secret(secret).clock(clock).build()
                    .verify(r.getBody().toByteArray(), WebhookHeaders.ofMultiMap(r.getHeaders().toMultimap()));
        }
        assertThat(webhooks.reader().message(id)).get().extracting(m -> m.traceContext().orElseThrow())
                .isEqualTo(PUBLISHED);
        await().until(() -> observer.events.size() == 4);
        assertThat(observer.events).containsExactly("start a 1 " + PUBLISHED.traceparent(), "finish 503",
                "start a 2 " + PUBLISHED.traceparent(), "finish 200");
        assertThat(observer.starts).allSatisfy(s -> {
            assertThat(s.messageId()).isEqualTo(id);
            assertThat(s.url()).isEqualTo(server.url("/hook").uri());
            assertThat(s.eventType()).isEqualTo(EventType.of("client.created"));
            assertThat(s.deliveryId()).startsWith("dlv_");
        });
    }

    @Test
    void propagationOffSendsNoTraceHeadersButKeepsTheContextForTheObserver() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        observer.current = PUBLISHED;
        webhooks(b -> b.observer(observer).propagateTraceContext(false));

        String id = publish();
        RecordedRequest r = take();

        assertThat(r.getHeaders().get("traceparent")).isNull();
        assertThat(r.getHeaders().get("tracestate")).isNull();
        awaitStatus(id, DeliveryStatus.SUCCEEDED);
        assertThat(webhooks.reader().message(id).orElseThrow().traceContext()).contains(PUBLISHED);
        assertThat(observer.starts).singleElement().extracting(AttemptStart::traceContext).isEqualTo(PUBLISHED);
    }

    @Test
    void withoutAContextAtPublishNothingIsStoredOrSent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        webhooks(b -> b.observer(observer));

        String id = publish();
        RecordedRequest r = take();

        assertThat(r.getHeaders().get("traceparent")).isNull();
        awaitStatus(id, DeliveryStatus.SUCCEEDED);
        assertThat(webhooks.reader().message(id).orElseThrow().traceContext()).isEmpty();
    }

    @Test
    void aFailingObserverStopsNeitherThePublishNorTheDelivery() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        WebhookObserver broken = new WebhookObserver() {
            @Override
            public W3cTraceContext currentTraceContext() {
                throw new IllegalStateException("tracer is broken");
            }

            @Override
            public AttemptObservation attemptStarted(AttemptStart attempt) {
                return outcome -> {
                    throw new IllegalStateException("observation is broken");
                };
            }
        };
        webhooks(b -> b.observer(broken));

        String id = publish();
        take();

        awaitStatus(id, DeliveryStatus.SUCCEEDED);
        assertThat(webhooks.reader().message(id).orElseThrow().traceContext()).isEmpty();
    }

    @Test
    void anEndpointCannotSetTheTraceHeadersItself() {
        assertThatThrownBy(() -> Endpoint.builder("a", "https://example.com/").header("traceparent", PUBLISHED.traceparent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the library");
        assertThatThrownBy(() -> Endpoint.builder("a", "https://example.com/").header("TraceState", "a=b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the library");
    }

    /** Supplies {@link #current} at publish and writes down each attempt it is told of. */
    private static final class RecordingObserver implements WebhookObserver {
        volatile @Nullable W3cTraceContext current;
        final List<AttemptStart> starts = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public @Nullable W3cTraceContext currentTraceContext() {
            return current;
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart attempt) {
            starts.add(attempt);
            events.add("start " + attempt.endpointId() + " " + attempt.attempt() + " "
                    + (attempt.traceContext() == null ? "-" : attempt.traceContext().traceparent()));
            return outcome -> events.add("finish " + outcome.statusCode());
        }
    }
}
