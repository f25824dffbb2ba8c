package io.cactus.webhooks.internal;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.operational.LastFailure;
import io.cactus.webhooks.operational.OperationalEvent;
import io.cactus.webhooks.operational.OperationalEventType;
import io.cactus.webhooks.operational.OperationalEvents;
import io.cactus.webhooks.spi.EndpointRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises operational events for the transitions this node won (the health store decided them) and
 * for dead deliveries, and publishes each to the operator endpoint on a thread of its own: the
 * dispatcher's threads only build a small record and hand it over (a bounded queue; when it is
 * full the event is dropped with a WARN rather than block delivery). Thread-safe.
 */
public final class OperationalEventEmitter {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.OperationalEvents");
    private static final int QUEUE = 10_000;

    private final OperationalEvents config;
    private final EndpointRegistry registry;
    private final Listeners listeners;
    private final @Nullable ThreadPoolExecutor executor;
    private volatile @Nullable DefaultWebhookPublisher publisher;

    OperationalEventEmitter(OperationalEvents config, EndpointRegistry registry, Listeners listeners) {
        this.config = config;
        this.registry = registry;
        this.listeners = listeners;
        if (config.enabled()) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), r -> {
                        Thread t = new Thread(r, "cactus-webhooks-operational-events");
                        t.setDaemon(true);
                        return t;
                    }, (r, p) -> log.warn("Operational events queue full ({} waiting); an event was dropped", QUEUE));
            pool.allowCoreThreadTimeOut(true); // no thread while nothing happens
            this.executor = pool;
        } else {
            this.executor = null;
        }
    }

    /** The publisher events go through; set once the engine has built it. */
    void bind(DefaultWebhookPublisher value) {
        this.publisher = value;
    }

    void paused(AttemptEvent cause, int failures, Instant until, Instant now) {
        if (wanted(OperationalEventType.ENDPOINT_PAUSED, cause.endpointId())) {
            raise(new OperationalEvent.EndpointPaused(cause.endpointId(), Math.max(1, failures), until,
                    EventType.of(cause.eventType()), cause.messageId(), LastFailure.of(cause.attempt().outcome()), now));
        }
    }

    void recovered(AttemptEvent probe, Instant now) {
        if (wanted(OperationalEventType.ENDPOINT_RECOVERED, probe.endpointId())) {
            raise(new OperationalEvent.EndpointRecovered(probe.endpointId(), EventType.of(probe.eventType()),
                    probe.messageId(), now));
        }
    }

    void disabled(String endpointId, String reason, @Nullable AttemptEvent cause, Instant now) {
        if (wanted(OperationalEventType.ENDPOINT_DISABLED, endpointId)) {
            if (cause == null) {
                raise(new OperationalEvent.EndpointDisabled(endpointId, reason, null, null, null, now));
                return;
            }
            raise(new OperationalEvent.EndpointDisabled(endpointId, reason, EventType.of(cause.eventType()),
                    cause.messageId(), cause.attempt().outcome().succeeded() ? null
                            : LastFailure.of(cause.attempt().outcome()), now));
        }
    }

    void dead(AttemptEvent event, Instant now) {
        if (wanted(OperationalEventType.DELIVERY_DEAD, event.endpointId())) {
            raise(new OperationalEvent.DeliveryDead(event.endpointId(), event.deliveryId(),
                    EventType.of(event.eventType()), event.messageId(), event.attempt().attempt(),
                    LastFailure.of(event.attempt().outcome()), now));
        }
    }

    /** The operator endpoint's own troubles raise nothing: sending about them to it could loop. */
    private boolean wanted(OperationalEventType type, String endpointId) {
        return executor != null && config.includes(type) && !config.isOperatorEndpoint(endpointId);
    }

    private void raise(OperationalEvent event) {
        ThreadPoolExecutor pool = executor;
        if (pool == null) {
            return;
        }
        try {
            pool.execute(() -> send(event));
        } catch (RuntimeException e) { // shut down: the engine is closing
            log.warn("Operational event {} about endpoint {} not sent: the engine is closed", event.type(),
                    event.endpointId());
        }
    }

    private void send(OperationalEvent event) {
        String operator = config.endpointId().orElseThrow();
        DefaultWebhookPublisher p = publisher;
        Optional<Endpoint> target = registry.find(operator);
        if (p == null || target.isEmpty()) { // an operator endpoint may be optional: listeners still hear it
            log.debug("Operational event {} about endpoint {} not sent: there is no endpoint '{}'", event.type(),
                    event.endpointId(), operator);
        } else if (!target.get().enabled()) {
            log.warn("Operational event {} about endpoint {} not sent: the operator endpoint '{}' is disabled",
                    event.type(), event.endpointId(), operator);
        } else {
            try {
                WebhookEvent webhook = WebhookEvent.builder(event.type().eventType(), OperationalPayloads.data(event))
                        .timestamp(event.occurredAt()).build();
                String id = p.publishTo(webhook, List.of(operator)).messageId();
                log.info("Operational event {} about endpoint {} stored for endpoint '{}' ({})", event.type(),
                        event.endpointId(), operator, id);
            } catch (RuntimeException e) {
                log.warn("Operational event {} about endpoint {} not sent to '{}'", event.type(), event.endpointId(),
                        operator, e);
            }
        }
        listeners.operationalEvent(event);
    }

    /** Lets queued events go out, up to {@code timeout}. */
    void close(Duration timeout) {
        ThreadPoolExecutor pool = executor;
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            pool.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
