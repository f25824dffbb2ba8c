package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.spi.Backlog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of webhook sending: DOWN when the dispatcher is not running, or when the oldest
 * unfinished delivery is older than {@code cactus.webhooks.health.max-backlog-age} (if set);
 * otherwise UP. Details: {@code dispatcher}, {@code backlog}, {@code oldestPendingAge},
 * {@code inFlight}, and {@code failingEndpoints} (paused, probing or disabled, with their streak).
 *
 * <p>A failing receiver does not make the application DOWN: that is the receiver's trouble, and
 * an orchestrator restarting this application would not help. It shows in the details. A store
 * that cannot be read makes the health DOWN with the exception (as {@code AbstractHealthIndicator}
 * does). Thread-safe.
 */
public class WebhooksHealthIndicator extends AbstractHealthIndicator {

    private final Webhooks webhooks;
    private final @Nullable Duration maxBacklogAge;
    private final Clock clock;

    /**
     * An indicator of one instance.
     *
     * @param webhooks the instance to check
     * @param maxBacklogAge the oldest-pending age above which health is DOWN, or null for no limit
     * @param clock for the backlog's age
     */
    public WebhooksHealthIndicator(Webhooks webhooks, @Nullable Duration maxBacklogAge, Clock clock) {
        super("Webhooks health check failed");
        this.webhooks = webhooks;
        this.maxBacklogAge = maxBacklogAge;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean running = webhooks.isRunning();
        Backlog backlog = webhooks.reader().backlog();
        Duration age = backlog.oldestCreatedAt() == null ? Duration.ZERO
                : Duration.between(backlog.oldestCreatedAt(), clock.instant());
        boolean tooOld = maxBacklogAge != null && age.compareTo(maxBacklogAge) > 0;
        Map<String, Object> failing = new LinkedHashMap<>();
        for (EndpointHealth h : webhooks.reader().health()) {
            if (h.state() != EndpointHealth.State.HEALTHY || h.consecutiveFailures() > 0) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("state", h.state().name());
                d.put("consecutiveFailures", h.consecutiveFailures());
                if (h.failingSince() != null) {
                    d.put("failingSince", h.failingSince().toString());
                }
                if (h.pausedUntil() != null) {
                    d.put("pausedUntil", h.pausedUntil().toString());
                }
                failing.put(h.endpointId(), d);
            }
        }
        builder.status(running && !tooOld ? org.springframework.boot.health.contributor.Status.UP
                : org.springframework.boot.health.contributor.Status.DOWN)
                .withDetail("dispatcher", running ? "running" : "stopped")
                .withDetail("backlog", backlog.pending())
                .withDetail("oldestPendingAge", age.toString())
                .withDetail("inFlight", webhooks.inFlight())
                .withDetail("failingEndpoints", failing);
        if (tooOld) {
            builder.withDetail("problem", "the oldest unfinished delivery is older than " + maxBacklogAge);
        }
    }
}
