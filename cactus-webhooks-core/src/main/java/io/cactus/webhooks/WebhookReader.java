package io.cactus.webhooks;

import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.internal.Engine;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Webhooks} instance has stored and how its endpoints are doing, read only: for
 * dashboards, admin APIs, health checks and metrics. Get it from {@link Webhooks#reader()}.
 *
 * <p>Every method reads the store or the endpoint registry at the call; nothing is cached here.
 * Arguments are never null; results are never null (absence is an empty {@code Optional} or an
 * empty list). A store that cannot be read throws {@link WebhookStoreException}.
 *
 * <p>Thread-safe.
 */
public final class WebhookReader {

    private final Engine engine;

    WebhookReader(Engine engine) {
        this.engine = engine;
    }

    /** One delivery by id, empty if there is none. */
    public Optional<Delivery> delivery(String deliveryId) {
        return engine.store().find(deliveryId);
    }

    /** The deliveries matching {@code query}, newest first. */
    public List<Delivery> deliveries(DeliveryQuery query) {
        return engine.store().query(Objects.requireNonNull(query, "query"));
    }

    /** How many deliveries match {@code query}; its offset and limit are ignored. */
    public long count(DeliveryQuery query) {
        return engine.store().count(Objects.requireNonNull(query, "query"));
    }

    /** The attempts of one delivery, oldest first; empty for an unknown id. */
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return engine.store().attempts(deliveryId);
    }

    /**
     * The attempts of many deliveries, read in one query per store round trip (not one per
     * delivery): for a page of deliveries with their histories.
     *
     * @return for each id given, its attempts oldest first (an empty list for an unknown id), in
     *     the order the ids were given
     * @throws IllegalArgumentException if the collection or an id is null or blank
     */
    public Map<String, List<DeliveryAttempt>> attempts(Collection<String> deliveryIds) {
        return engine.store().attempts(deliveryIds);
    }

    /** A stored message (the exact signed bytes), empty if there is none (or it was purged). */
    public Optional<WebhookMessage> message(String messageId) {
        return engine.store().message(messageId);
    }

    /** The work not yet done: how many deliveries wait and since when. */
    public Backlog backlog() {
        return engine.store().backlog();
    }

    /** Every endpoint, enabled or not. */
    public List<Endpoint> endpoints() {
        return engine.registry().endpoints();
    }

    /** One endpoint by id, empty if there is none. */
    public Optional<Endpoint> endpoint(String endpointId) {
        return engine.registry().find(Objects.requireNonNull(endpointId, "endpointId"));
    }

    /**
     * How an endpoint is doing, as this process sees it (shared circuit state is refreshed when
     * older than half a second).
     *
     * @throws IllegalArgumentException if there is no such endpoint
     */
    public EndpointHealth health(String endpointId) {
        Endpoint e = endpoint(endpointId)
                .orElseThrow(() -> new IllegalArgumentException("no endpoint '" + endpointId + "'"));
        engine.health().refreshIfStale();
        return engine.health().health(e.id(), e.enabled());
    }

    /** The health of every endpoint, in the registry's order. */
    public List<EndpointHealth> health() {
        engine.health().refreshIfStale();
        List<EndpointHealth> all = new ArrayList<>();
        for (Endpoint e : engine.registry().endpoints()) {
            all.add(engine.health().health(e.id(), e.enabled()));
        }
        return all;
    }

    @Override
    public String toString() {
        return "WebhookReader[" + engine.store().getClass().getSimpleName() + "]";
    }
}
