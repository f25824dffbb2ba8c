package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.spi.AttemptObservation;
import io.cactus.webhooks.spi.AttemptStart;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The attempt observation: its low-cardinality keys are a fixed set with bounded values (ids,
 * URLs and exact status codes only as high-cardinality keys), and the endpoint tag cap maps the
 * endpoints beyond it to {@code other} on the observation and on the listener's meters alike.
 */
class WebhookAttemptObservationTest {

    private static final Set<String> LOW_KEYS = Set.of("endpoint", "outcome", "status.class", "failure.kind");

    /** The contexts of the stopped observations, in order. */
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry observations = ObservationRegistry.create();

    {
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    private static AttemptStart attempt(String endpointId, int n) {
        return new AttemptStart("dlv_" + endpointId + n, "msg_" + endpointId + n, endpointId,
                URI.create("https://hooks.example.com/" + endpointId + "?token=secret"), EventType.of("client.created"),
                n, null);
    }

    private static List<String> values(Observation.Context c, String key) {
        return c.getLowCardinalityKeyValues().stream().filter(kv -> kv.getKey().equals(key))
                .map(KeyValue::getValue).toList();
    }

    @Test
    void lowCardinalityKeysAreAFixedSetOfBoundedValuesAndIdsAreHighCardinality() {
        MicrometerWebhookObserver observer = new MicrometerWebhookObserver(observations, new EndpointTags(100),
                () -> null, null);
        List<AttemptOutcome> outcomes = List.of(
                AttemptOutcome.response(204, null, null, Duration.ofMillis(5)),
                AttemptOutcome.response(503, "120", "down", Duration.ofMillis(5)),
                AttemptOutcome.response(404, null, null, Duration.ofMillis(5)),
                AttemptOutcome.failure(FailureKind.TIMEOUT, "read timed out", new java.net.SocketTimeoutException(),
                        Duration.ofSeconds(30)),
                AttemptOutcome.failure(FailureKind.CONNECT, "refused", null, Duration.ofMillis(1)),
                AttemptOutcome.responseThenFailure(200, null, null, FailureKind.DISCONNECTED, "reset", null, Duration.ofMillis(3)));
        for (int i = 0; i < outcomes.size(); i++) {
            observer.attemptStarted(attempt("crm", i + 1)).finished(outcomes.get(i));
        }

        List<Observation.Context> contexts = stopped;
        assertThat(contexts).hasSize(outcomes.size()).allSatisfy(c -> {
            assertThat(c.getName()).isEqualTo("cactus.webhooks.attempt");
            assertThat(c.getContextualName()).isEqualTo("webhook crm");
            assertThat(c.getLowCardinalityKeyValues().stream().map(KeyValue::getKey)).containsExactlyInAnyOrderElementsOf(LOW_KEYS);
            assertThat(values(c, "endpoint")).containsExactly("crm");
            assertThat(values(c, "outcome")).singleElement().isIn("success", "failure");
            assertThat(values(c, "status.class")).singleElement().isIn("1xx", "2xx", "3xx", "4xx", "5xx", "none");
            assertThat(values(c, "failure.kind")).singleElement().satisfies(v -> assertThat(v).isIn(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of("none"), java.util.Arrays
                            .stream(FailureKind.values()).map(k -> k.name().toLowerCase(java.util.Locale.ROOT))).toList()));
            assertThat(c.getHighCardinalityKeyValues().stream().map(KeyValue::getKey)).contains(
                    "cactus.webhooks.message.id", "cactus.webhooks.delivery.id", "cactus.webhooks.endpoint.id",
                    "cactus.webhooks.event.type", "cactus.webhooks.attempt.number", "server.address");
            assertThat(c.getAllKeyValues().stream().map(KeyValue::getValue)).as("never the URL's path or query")
                    .noneMatch(v -> v.contains("token") || v.contains("/crm"));
        });
        assertThat(contexts).extracting(c -> values(c, "outcome").get(0) + " " + values(c, "status.class").get(0) + " "
                + values(c, "failure.kind").get(0)).containsExactly("success 2xx none", "failure 5xx none",
                        "failure 4xx none", "failure none timeout", "failure none connect", "success 2xx disconnected");
        assertThat(contexts.get(1).getHighCardinalityKeyValue("http.response.status_code").getValue()).isEqualTo("503");
        assertThat(contexts.get(3).getError()).isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(contexts.get(4).getError()).isNull();
    }

    @Test
    void endpointsBeyondTheCapAreTaggedOtherOnObservationsAndMetersAlike() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        EndpointTags tags = new EndpointTags(3);
        MicrometerWebhookObserver observer = new MicrometerWebhookObserver(registry, tags, () -> null, null);
        WebhookMetrics metrics = new WebhookMetrics(meters, tags);

        for (String endpoint : List.of("e1", "e2", "e3", "e4", "e5", "e1")) {
            AttemptStart a = attempt(endpoint, 1);
            AttemptOutcome ok = AttemptOutcome.response(200, null, null, Duration.ofMillis(2));
            observer.attemptStarted(a).finished(ok);
            metrics.onAttemptSucceeded(new AttemptEvent(a.deliveryId(), a.messageId(), endpoint, a.url(), "client.created",
                    8, new DeliveryAttempt(a.deliveryId(), 1, Instant.EPOCH, ok), DeliveryStatus.SUCCEEDED, null));
        }

        for (String meter : List.of("cactus.webhooks.attempt", "cactus.webhooks.attempts", "cactus.webhooks.deliveries")) {
            assertThat(meters.find(meter).meters().stream().map(m -> m.getId().getTag("endpoint"))
                    .collect(Collectors.toSet())).as(meter).containsExactlyInAnyOrder("e1", "e2", "e3", "other");
        }
        assertThat(meters.find("cactus.webhooks.attempt").tag("endpoint", "other").timer().count())
                .as("e4 and e5").isEqualTo(2);
        assertThat(meters.find("cactus.webhooks.attempt").tag("endpoint", "e1").timer().count())
                .as("an endpoint below the cap keeps its tag, also when seen again").isEqualTo(2);
        assertThat(meters.getMeters()).extracting(Meter::getId).allSatisfy(id -> assertThat(id.getTag("endpoint"))
                .isNotIn("e4", "e5"));
    }

    @Test
    void theCapIsExactAndZeroTagsEveryEndpointOther() {
        EndpointTags three = new EndpointTags(3);
        assertThat(IntStream.rangeClosed(1, 4).mapToObj(i -> three.tag("e" + i)))
                .containsExactly("e1", "e2", "e3", "other");
        assertThat(three.tag("e2")).isEqualTo("e2");
        assertThat(new EndpointTags(0).tag("e1")).isEqualTo("other");
        assertThatThrownBy(() -> new EndpointTags(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void theCapHoldsUnderConcurrentFirstSightings() {
        EndpointTags tags = new EndpointTags(50);
        Set<String> seen = IntStream.range(0, 1000).parallel().mapToObj(i -> tags.tag("e" + i))
                .collect(Collectors.toSet());
        assertThat(seen).hasSize(51).contains("other");
    }

    @Test
    void aNoopRegistryObservesNothing() {
        MicrometerWebhookObserver observer = new MicrometerWebhookObserver(ObservationRegistry.NOOP, new EndpointTags(1),
                () -> null, null);
        assertThat(observer.attemptStarted(attempt("crm", 1))).isSameAs(AttemptObservation.NONE);
    }
}
