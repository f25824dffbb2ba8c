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
import org.jspecify.annotations.Nullable;

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
 * <p><b>Tenants.</b> {@link #forTenant} gives a reader that sees one tenant only: its deliveries,
 * attempts, messages, endpoints, their health and its backlog. A delivery, message or endpoint of
 * another tenant (or of none) is not there for it, exactly like an unknown id, and the store reads
 * with the tenant in its statement (the library's stores: {@code tenant_id = ?}), so nothing of
 * another tenant is read at all. The reader of {@link Webhooks#reader()} is unscoped: it sees
 * everything (the operator's view). See docs/tenants.md.
 *
 * <p>Thread-safe.
 */
public final class WebhookReader {

    private final Engine engine;
    private final @Nullable TenantId tenant;

    WebhookReader(Engine engine) {
        this(engine, null);
    }

    private WebhookReader(Engine engine, @Nullable TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    /**
     * A reader that sees only {@code tenant}'s deliveries, attempts, messages and endpoints.
     *
     * @param value the tenant
     * @return a scoped reader (this one, if it is scoped to that tenant already)
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if this reader is scoped to another tenant (a scoped
     *     reader cannot widen its view)
     */
    public WebhookReader forTenant(TenantId value) {
        Objects.requireNonNull(value, "tenant");
        if (tenant == null) {
            return new WebhookReader(engine, value);
        }
        if (tenant.equals(value)) {
            return this;
        }
        throw new IllegalArgumentException("this reader is scoped to tenant " + tenant + "; it cannot read tenant "
                + value);
    }

    /**
     * The tenant this reader is scoped to.
     *
     * @return the tenant, or empty for an unscoped reader that sees everything
     */
    public Optional<TenantId> tenant() {
        return Optional.ofNullable(tenant);
    }

    /**
     * One delivery by id.
     *
     * @param deliveryId the delivery id ({@code dlv_...})
     * @return a snapshot of the delivery, or empty if there is none (or it was purged)
     * @throws IllegalArgumentException if the id is null or blank
     */
    public Optional<Delivery> delivery(String deliveryId) {
        TenantId t = tenant;
        return t == null ? engine.store().find(deliveryId) : engine.store().find(t, deliveryId);
    }

    /**
     * The deliveries matching {@code query}, newest first (creation time, then delivery id, both
     * descending), one page of at most {@link DeliveryQuery#limit()}.
     *
     * @param query the filter and page; {@link DeliveryQuery#all()} for the newest 100
     * @return snapshots of the matching deliveries; empty if none match
     * @throws NullPointerException if {@code query} is null
     * @throws IllegalArgumentException if this reader is scoped and the query names another tenant
     */
    public List<Delivery> deliveries(DeliveryQuery query) {
        return engine.store().query(scoped(query));
    }

    /**
     * How many deliveries match {@code query}; its offset and limit are ignored.
     *
     * @param query the filter
     * @return the number of matching deliveries, at least 0
     * @throws NullPointerException if {@code query} is null
     * @throws IllegalArgumentException if this reader is scoped and the query names another tenant
     */
    public long count(DeliveryQuery query) {
        return engine.store().count(scoped(query));
    }

    /** The query with this reader's tenant in it; a query naming another tenant is refused. */
    private DeliveryQuery scoped(DeliveryQuery query) {
        Objects.requireNonNull(query, "query");
        TenantId t = tenant;
        if (t == null) {
            return query;
        }
        TenantId asked = query.tenant();
        if (asked != null && !asked.equals(t)) {
            throw new IllegalArgumentException("this reader is scoped to tenant " + t + "; the query names tenant "
                    + asked);
        }
        return asked != null ? query : query.withTenant(t);
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
        TenantId t = tenant;
        return t == null ? engine.store().attempts(deliveryId) : engine.store().attempts(t, deliveryId);
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
        TenantId t = tenant;
        return t == null ? engine.store().attempts(deliveryIds) : engine.store().attempts(t, deliveryIds);
    }

    /**
     * A stored message: the exact envelope bytes that are signed and sent.
     *
     * @param messageId the message id ({@code webhook-id})
     * @return the message, or empty if there is none (or it was purged)
     * @throws IllegalArgumentException if the id is null or blank
     */
    public Optional<WebhookMessage> message(String messageId) {
        TenantId t = tenant;
        return t == null ? engine.store().message(messageId) : engine.store().message(t, messageId);
    }

    /**
     * The work not yet done: how many deliveries wait and since when (of this reader's tenant
     * only, if scoped).
     *
     * @return the deliveries pending, retrying or in flight, and the oldest one's creation time
     */
    public Backlog backlog() {
        TenantId t = tenant;
        return t == null ? engine.store().backlog() : engine.store().backlog(t);
    }

    /**
     * Every endpoint, enabled or not.
     *
     * @return the registry's endpoints (of this reader's tenant, if scoped) in its order (the JDBC registry orders them by id); empty
     *     if there are none
     */
    public List<Endpoint> endpoints() {
        TenantId t = tenant;
        return t == null ? engine.registry().endpoints() : engine.registry().endpoints(t);
    }

    /**
     * One endpoint by id.
     *
     * @param endpointId the endpoint id
     * @return the endpoint, or empty if there is none
     * @throws NullPointerException if the id is null
     */
    public Optional<Endpoint> endpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        TenantId t = tenant;
        return t == null ? engine.registry().find(endpointId) : engine.registry().find(t, endpointId);
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
        for (Endpoint e : endpoints()) {
            all.add(engine.health().health(e.id(), e.enabled()));
        }
        return all;
    }

    @Override
    public String toString() {
        return "WebhookReader[" + engine.store().getClass().getSimpleName()
                + (tenant == null ? "" : ", tenant=" + tenant) + "]";
    }
}
