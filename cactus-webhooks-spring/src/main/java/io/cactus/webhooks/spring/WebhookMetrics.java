package io.cactus.webhooks.spring;

import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.cactus.webhooks.delivery.RetentionReport;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

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
 *       tags {@code event}, {@code endpoint};</li>
 *   <li>{@code cactus.webhooks.retention.purged} (counter): rows retention deleted, tags
 *       {@code table} (deliveries, attempts, messages) and {@code outcome} (succeeded, dead,
 *       cancelled for deliveries and attempts; {@code any} for messages);</li>
 *   <li>{@code cactus.webhooks.retention.expunged} (counter): message payloads retention removed;</li>
 *   <li>{@code cactus.webhooks.retention.runs} (counter): retention runs, tag {@code result}
 *       (purged: this node held the lease; skipped: another node holds it);</li>
 *   <li>{@code cactus.webhooks.retention.batches} (counter): the transactions those runs used;</li>
 *   <li>{@code cactus.webhooks.retention.oldest.age} (time gauge, seconds): age of the oldest
 *       finished delivery kept, tag {@code outcome}, as the last run on this node read it (0 before
 *       the first run and when there is none). Above its window plus the interval, retention is
 *       not keeping up (or is off).</li>
 * </ul>
 *
 * <p>Retention meters come from {@link #onRetentionRun}, on the node that ran (a skipped run counts
 * only as a run, and still updates the oldest ages). A delivery cancelled because its endpoint was
 * disabled or removed is no attempt and is not counted. The {@code endpoint} tag is bounded by {@link EndpointTags}. Thread-safe.
 */
public class WebhookMetrics implements DeliveryListener {

    static final String DELIVERIES = "cactus.webhooks.deliveries";
    static final String ATTEMPTS = "cactus.webhooks.attempts";
    static final String ENDPOINT_EVENTS = "cactus.webhooks.endpoint.events";
    static final String RETENTION_PURGED = "cactus.webhooks.retention.purged";
    static final String RETENTION_EXPUNGED = "cactus.webhooks.retention.expunged";
    static final String RETENTION_RUNS = "cactus.webhooks.retention.runs";
    static final String RETENTION_BATCHES = "cactus.webhooks.retention.batches";
    static final String RETENTION_OLDEST_AGE = "cactus.webhooks.retention.oldest.age";
    private static final List<DeliveryStatus> FINISHED = List.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.DEAD,
            DeliveryStatus.CANCELLED);

    private final MeterRegistry registry;
    private final EndpointTags endpoints;
    private final Clock clock;
    /** The oldest finish per outcome as the last retention run read it; the gauges read these. */
    private final Map<DeliveryStatus, AtomicReference<@Nullable Instant>> oldest = new EnumMap<>(DeliveryStatus.class);

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
        this(registry, endpoints, Clock.systemUTC());
    }

    /**
     * Metrics whose {@code endpoint} tag is bounded by {@code endpoints}, with ages by {@code clock}.
     *
     * @param registry where the meters go
     * @param endpoints the endpoint tag cap, shared with the attempt observation
     * @param clock for the age of the oldest finished delivery; the instance's clock
     */
    public WebhookMetrics(MeterRegistry registry, EndpointTags endpoints, Clock clock) {
        this.registry = registry;
        this.endpoints = endpoints;
        this.clock = clock;
        for (DeliveryStatus status : FINISHED) {
            AtomicReference<@Nullable Instant> ref = new AtomicReference<>();
            oldest.put(status, ref);
            TimeGauge.builder(RETENTION_OLDEST_AGE, ref, TimeUnit.SECONDS, this::ageSeconds)
                    .description("Age of the oldest finished webhook delivery kept, by outcome")
                    .tag("outcome", outcome(status))
                    .register(registry);
        }
    }

    @Override
    public void onRetentionRun(RetentionReport report) {
        Counter.builder(RETENTION_RUNS).description("Webhook retention runs").tag("result",
                report.ran() ? "purged" : "skipped").register(registry).increment();
        Counter.builder(RETENTION_BATCHES).description("Transactions of webhook retention runs").register(registry)
                .increment(report.batches());
        for (DeliveryStatus status : FINISHED) {
            purged("deliveries", outcome(status), report.deliveries().getOrDefault(status, 0L));
            purged("attempts", outcome(status), report.attempts().getOrDefault(status, 0L));
            AtomicReference<@Nullable Instant> ref = oldest.get(status);
            if (ref != null) {
                ref.set(report.oldestFinished(status).orElse(null));
            }
        }
        purged("messages", "any", report.messages());
        Counter.builder(RETENTION_EXPUNGED).description("Webhook message payloads removed by retention")
                .register(registry).increment(report.payloads());
    }

    private void purged(String table, String outcome, long rows) {
        Counter.builder(RETENTION_PURGED).description("Rows deleted by webhook retention")
                .tag("table", table).tag("outcome", outcome).register(registry).increment(rows);
    }

    private double ageSeconds(AtomicReference<@Nullable Instant> ref) {
        Instant t = ref.get();
        return t == null ? 0 : Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0);
    }

    private static String outcome(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
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
