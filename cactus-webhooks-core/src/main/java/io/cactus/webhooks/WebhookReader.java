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
 * <p>Every method reads the store or the endpoint registry at the call; nothing is cached here
 * (a registry may serve its own snapshot, as the JDBC one does). Arguments must not be null: a
 * null or blank id throws {@link IllegalArgumentException} or {@link NullPointerException}.
 * Results are never null: absence is an empty {@code Optional} or an empty list. A store or
 * registry that cannot be read throws {@link WebhookStoreException}.
 *
 * <p>Thread-safe.
 */
public final class WebhookReader {

    private final Engine engine;

    WebhookReader(Engine engine) {
        this.engine = engine;
    }

    /**
     * One delivery by id.
     *
     * @param deliveryId the delivery id ({@code dlv_...})
     * @return a snapshot of the delivery, or empty if there is none (or it was purged)
     * @throws IllegalArgumentException if the id is null or blank
     */
    public Optional<Delivery> delivery(String deliveryId) {
        return engine.store().find(deliveryId);
    }

    /**
     * The deliveries matching {@code query}, newest first (creation time, then delivery id, both
     * descending), one page of at most {@link DeliveryQuery#limit()}.
     *
     * @param query the filter and page; {@link DeliveryQuery#all()} for the newest 100
     * @return snapshots of the matching deliveries; empty if none match
     * @throws NullPointerException if {@code query} is null
     */
    public List<Delivery> deliveries(DeliveryQuery query) {
        return engine.store().query(Objects.requireNonNull(query, "query"));
    }

    /**
     * How many deliveries match {@code query}; its offset and limit are ignored.
     *
     * @param query the filter
     * @return the number of matching deliveries, at least 0
     * @throws NullPointerException if {@code query} is null
     */
    public long count(DeliveryQuery query) {
        return engine.store().count(Objects.requireNonNull(query, "query"));
    }

    /**
     * The attempts of one delivery, oldest first, as the store keeps them (no cause, no
     * {@code Retry-After}). A redelivered delivery keeps the attempts of its earlier rounds.
     *
     * @param deliveryId the delivery id
     * @return its attempts; empty for an unknown id or a delivery not attempted yet
     * @throws IllegalArgumentException if the id is null or blank
     */
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return engine.store().attempts(deliveryId);
    }

    /**
     * The attempts of many deliveries, read in one query per store round trip (not one per
     * delivery): for a page of deliveries with their histories.
     *
     * @param deliveryIds the delivery ids; one given twice has one entry
     * @return for each id given, its attempts oldest first (an empty list for an unknown id), in
     *     the order the ids were given
     * @throws IllegalArgumentException if the collection or an id is null or blank
     */
    public Map<String, List<DeliveryAttempt>> attempts(Collection<String> deliveryIds) {
        return engine.store().attempts(deliveryIds);
    }

    /**
     * A stored message: the exact envelope bytes that are signed and sent.
     *
     * @param messageId the message id ({@code webhook-id})
     * @return the message, or empty if there is none (or it was purged)
     * @throws IllegalArgumentException if the id is null or blank
     */
    public Optional<WebhookMessage> message(String messageId) {
        return engine.store().message(messageId);
    }

    /**
     * The work not yet done: how many deliveries wait and since when.
     *
     * @return the deliveries pending, retrying or in flight, and the oldest one's creation time
     */
    public Backlog backlog() {
        return engine.store().backlog();
    }

    /**
     * Every endpoint, enabled or not.
     *
     * @return the registry's endpoints in its order (the JDBC registry orders them by id); empty
     *     if there are none
     */
    public List<Endpoint> endpoints() {
        return engine.registry().endpoints();
    }

    /**
     * One endpoint by id.
     *
     * @param endpointId the endpoint id
     * @return the endpoint, or empty if there is none
     * @throws NullPointerException if the id is null
     */
    public Optional<Endpoint> endpoint(String endpointId) {
        return engine.registry().find(Objects.requireNonNull(endpointId, "endpointId"));
    }

    /**
     * How an endpoint is doing, as this process sees it: the circuit state shared through the
     * store's {@link io.cactus.webhooks.spi.EndpointHealthStore} is read again when this process's
     * copy is older than half a second; if that read fails, the copy is used (and the failure
     * logged). An endpoint that is not enabled is {@link EndpointHealth.State#DISABLED}.
     *
     * @param endpointId the endpoint id
     * @return its health
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if there is no such endpoint
     */
    public EndpointHealth health(String endpointId) {
        Endpoint e = endpoint(endpointId)
                .orElseThrow(() -> new IllegalArgumentException("no endpoint '" + endpointId + "'"));
        engine.health().refreshIfStale();
        return engine.health().health(e.id(), e.enabled());
    }

    /**
     * The health of every endpoint, as {@link #health(String)} reports one.
     *
     * @return one entry per endpoint, in the registry's order; empty if there are none
     */
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
