package io.cactus.webhooks.spring;

import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Counts deliveries by outcome and times attempts, as a {@link DeliveryListener}: what is known
 * once the store has recorded an attempt.
 *
 * <ul>
 *   <li>{@code cactus.webhooks.deliveries} (counter): deliveries that reached an end, tags
 *       {@code outcome} (succeeded, dead, cancelled), {@code event.type}, {@code endpoint};</li>
 *   <li>{@code cactus.webhooks.attempts} (timer): every attempt, tags {@code outcome}
 *       (success, failure), {@code status} (HTTP status or {@code none}), {@code endpoint}. Kept for
 *       existing dashboards; the attempt observation's timer {@code cactus.webhooks.attempt}
 *       ({@link DefaultWebhookAttemptObservationConvention}) measures the same attempts with the
 *       same {@code endpoint} and {@code outcome} values;</li>
 *   <li>{@code cactus.webhooks.endpoint.events} (counter): endpoint paused, disabled, recovered,
 *       tags {@code event}, {@code endpoint}.</li>
 * </ul>
 *
 * <p>A delivery cancelled because its endpoint was disabled or removed is no attempt and is not
 * counted. The {@code endpoint} tag is bounded by {@link EndpointTags}. Thread-safe.
 */
public class WebhookMetrics implements DeliveryListener {

    static final String DELIVERIES = "cactus.webhooks.deliveries";
    static final String ATTEMPTS = "cactus.webhooks.attempts";
    static final String ENDPOINT_EVENTS = "cactus.webhooks.endpoint.events";

    private final MeterRegistry registry;
    private final EndpointTags endpoints;

    /**
     * Metrics registered in {@code registry} as events arrive, with the default endpoint tag cap
     * ({@value EndpointTags#DEFAULT_MAX}).
     *
     * @param registry where the meters go
     */
    public WebhookMetrics(MeterRegistry registry) {
        this(registry, new EndpointTags(EndpointTags.DEFAULT_MAX));
    }

    /**
     * Metrics whose {@code endpoint} tag is bounded by {@code endpoints}.
     *
     * @param registry where the meters go
     * @param endpoints the endpoint tag cap, shared with the attempt observation
     */
    public WebhookMetrics(MeterRegistry registry, EndpointTags endpoints) {
        this.registry = registry;
        this.endpoints = endpoints;
    }

    @Override
    public void onAttemptSucceeded(AttemptEvent event) {
        attempt(event, "success");
        delivery(event, "succeeded");
    }

    @Override
    public void onAttemptFailed(AttemptEvent event) {
        attempt(event, "failure");
        if (event.newStatus() == DeliveryStatus.CANCELLED) {
            delivery(event, "cancelled");
        }
    }

    @Override
    public void onDeliveryDead(AttemptEvent event) {
        delivery(event, "dead");
    }

    @Override
    public void onEndpointPaused(String endpointId, int consecutiveFailures, java.time.Instant until) {
        endpointEvent(endpointId, "paused");
    }

    @Override
    public void onEndpointDisabled(String endpointId, String reason) {
        endpointEvent(endpointId, "disabled");
    }

    @Override
    public void onEndpointRecovered(String endpointId) {
        endpointEvent(endpointId, "recovered");
    }

    private void attempt(AttemptEvent event, String outcome) {
        Integer status = event.attempt().statusCode();
        Duration duration = event.attempt().duration();
        Timer.builder(ATTEMPTS)
                .description("Webhook delivery attempts and their latency")
                .tag("outcome", outcome)
                .tag("status", status == null ? "none" : Integer.toString(status))
                .tag("endpoint", endpoints.tag(event.endpointId()))
                .register(registry)
                .record(duration == null ? Duration.ZERO : duration);
    }

    private void delivery(AttemptEvent event, String outcome) {
        Counter.builder(DELIVERIES)
                .description("Webhook deliveries that reached an end")
                .tag("outcome", outcome)
                .tag("event.type", event.eventType())
                .tag("endpoint", endpoints.tag(event.endpointId()))
                .register(registry)
                .increment();
    }

    private void endpointEvent(String endpointId, String what) {
        Counter.builder(ENDPOINT_EVENTS)
                .description("Webhook endpoints paused, disabled or recovered")
                .tag("event", what)
                .tag("endpoint", endpoints.tag(endpointId))
                .register(registry)
                .increment();
    }
}
