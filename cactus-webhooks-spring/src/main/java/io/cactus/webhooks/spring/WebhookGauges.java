package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.spi.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of the work not yet done and of endpoint states:
 *
 * <ul>
 *   <li>{@code cactus.webhooks.backlog}: deliveries pending, retrying or in flight;</li>
 *   <li>{@code cactus.webhooks.backlog.oldest.age} (seconds): age of the oldest of them, 0 when none;</li>
 *   <li>{@code cactus.webhooks.in.flight}: attempts under way in this process;</li>
 *   <li>{@code cactus.webhooks.endpoints}: endpoints by {@code state} (healthy, paused, probing, disabled).</li>
 * </ul>
 *
 * <p>The backlog is read from the store at most once a second, however often it is scraped; the
 * endpoint gauges read the endpoints' health at each scrape. Thread-safe.
 */
public class WebhookGauges implements MeterBinder {

    private static final Duration CACHE = Duration.ofSeconds(1);

    private final Webhooks webhooks;
    private final Clock clock;
    private @Nullable Backlog cached;
    private Instant cachedAt = Instant.MIN;

    /**
     * Gauges of one instance.
     *
     * @param webhooks the instance to read
     * @param clock for the backlog's age and the once-a-second cache
     */
    public WebhookGauges(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cactus.webhooks.backlog", this, g -> g.backlog().pending())
                .description("Webhook deliveries pending, retrying or in flight")
                .register(registry);
        TimeGauge.builder("cactus.webhooks.backlog.oldest.age", this, TimeUnit.SECONDS, WebhookGauges::oldestAgeSeconds)
                .description("Age of the oldest unfinished webhook delivery")
                .register(registry);
        Gauge.builder("cactus.webhooks.in.flight", webhooks, Webhooks::inFlight)
                .description("Webhook attempts under way in this process")
                .register(registry);
        for (EndpointHealth.State state : EndpointHealth.State.values()) {
            Gauge.builder("cactus.webhooks.endpoints", webhooks, w -> count(w, state))
                    .description("Webhook endpoints by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private static double count(Webhooks webhooks, EndpointHealth.State state) {
        return webhooks.reader().health().stream().filter(h -> h.state() == state).count();
    }

    private double oldestAgeSeconds() {
        Instant oldest = backlog().oldestCreatedAt();
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Backlog backlog() {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedAt.plus(CACHE)) || now.isBefore(cachedAt)) {
            cached = webhooks.reader().backlog();
            cachedAt = now;
        }
        return cached;
    }
}
