package io.cactus.webhooks.internal;

import io.cactus.webhooks.IdempotencyKey;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.IdempotencyClaim;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.spi.TransactionalDeliveryStore;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes (with the publishing thread's trace context), matches, stores, wakes. An event with an
 * idempotency key is stored under a claim that ends {@code idempotencyWindow} after the clock's now;
 * the store decides whether it is a duplicate.
 */
public final class DefaultWebhookPublisher implements WebhookPublisher {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.Publisher");

    private final EventEncoder encoder;
    private final EndpointRegistry registry;
    private final DeliveryStore store;
    private final Runnable wake;
    private final Observer observer;
    private final Clock clock;
    private final Duration idempotencyWindow;
    /** The catalogue's validation and strictness, checked before anything is stored. */
    private final PayloadSchemas schemas;

    public DefaultWebhookPublisher(EventEncoder encoder, EndpointRegistry registry, DeliveryStore store,
            Runnable wake, Observer observer, Clock clock, Duration idempotencyWindow, PayloadSchemas schemas) {
        this.schemas = schemas;
        this.encoder = encoder;
        this.registry = registry;
        this.store = store;
        this.wake = wake;
        this.observer = observer;
        this.clock = clock;
        this.idempotencyWindow = idempotencyWindow;
    }

    @Override
    public PublishReceipt publish(WebhookEvent event) {
        return publishAll(List.of(Objects.requireNonNull(event, "event"))).get(0);
    }

    @Override
    public List<PublishReceipt> publishAll(List<WebhookEvent> events) {
        List<OutboundMessage> batch = prepare(events);
        if (batch.isEmpty()) {
            return List.of();
        }
        List<PublishReceipt> receipts = store.enqueueIdempotent(batch);
        if (anyStored(receipts)) {
            wake.run();
        }
        return receipts;
    }

    private static boolean anyStored(List<PublishReceipt> receipts) {
        return receipts.stream().anyMatch(r -> r.outcome() == PublishOutcome.STORED);
    }

    /** The claim an event's key is stored under, or null for an event without a key. */
    private @Nullable IdempotencyClaim claimOf(WebhookEvent event, Instant now) {
        IdempotencyKey key = event.idempotencyKey().orElse(null);
        return key == null ? null : new IdempotencyClaim(key, now, now.plus(idempotencyWindow));
    }

    /**
     * Stores one event for the given endpoints only, whatever their filters (a test event, a
     * targeted resend).
     *
     * @throws IllegalArgumentException if an endpoint does not exist (for the event's tenant, if it
     *     has one), belongs to a tenant while the event has none, or is disabled
     */
    public PublishReceipt publishTo(WebhookEvent event, List<String> endpointIds) {
        Objects.requireNonNull(event, "event");
        if (endpointIds == null || endpointIds.isEmpty() || Checks.hasNull(endpointIds)) {
            throw new IllegalArgumentException("endpointIds must name at least one endpoint and no null");
        }
        List<Endpoint> targets = new ArrayList<>();
        io.cactus.webhooks.TenantId tenant = event.tenant();
        for (String id : new java.util.LinkedHashSet<>(endpointIds)) {
            // a tenant's event looks its endpoints up in its tenant only: another tenant's id is unknown
            Endpoint e = (tenant == null ? registry.find(id) : registry.find(tenant, id))
                    .orElseThrow(() -> new IllegalArgumentException("no endpoint '" + id + "'"));
            if (e.tenant() != null && tenant == null) {
                throw new IllegalArgumentException("endpoint '" + id + "' belongs to tenant " + e.tenant()
                        + " and the event has no tenant: publish it for that tenant");
            }
            if (!e.enabled()) {
                throw new IllegalArgumentException("endpoint '" + id + "' is disabled");
            }
            targets.add(e);
        }
        WebhookMessage encoded = encoder.encode(event, observer.currentTraceContext());
        schemas.check(event, Messages.body(encoded)); // no membership check: test sends, operational events
        OutboundMessage message = outbound(event, encoded, targets, claimOf(event, clock.instant()));
        PublishReceipt receipt = store.enqueueIdempotent(List.of(message)).get(0);
        if (receipt.outcome() == PublishOutcome.STORED) {
            wake.run();
        }
        return receipt;
    }

    @Override
    public PublishReceipt publish(WebhookEvent event, Connection connection) {
        Objects.requireNonNull(connection, "connection");
        if (!(store instanceof TransactionalDeliveryStore tx)) {
            throw new UnsupportedOperationException("publishing on a caller's connection needs a JDBC store; this one is "
                    + store.getClass().getSimpleName());
        }
        List<OutboundMessage> batch = prepare(List.of(Objects.requireNonNull(event, "event")));
        return tx.enqueueIdempotent(connection, batch).get(0);
    }

    private List<OutboundMessage> prepare(List<WebhookEvent> events) {
        if (events == null || Checks.hasNull(events)) {
            throw new IllegalArgumentException("events must not be null or contain null");
        }
        Set<String> ids = new HashSet<>();
        List<OutboundMessage> batch = new ArrayList<>(events.size());
        W3cTraceContext trace = events.isEmpty() ? null : observer.currentTraceContext();
        Instant now = clock.instant();
        Set<IdempotencyKey> keys = new HashSet<>();
        for (WebhookEvent event : events) {
            if (event.idempotencyKey().isPresent() && !keys.add(event.idempotencyKey().get())) {
                throw new IllegalArgumentException("two events share an idempotency key (the second is message "
                        + event.id() + ")");
            }
            if (!ids.add(event.id())) {
                throw new IllegalArgumentException("two events share the message id " + event.id());
            }
            schemas.requireListed(event.type());
            WebhookMessage message = encoder.encode(event, trace);
            schemas.check(event, Messages.body(message));
            // tenants: a message of a tenant fans out to that tenant's endpoints only, one without a tenant
            // to the endpoints without one
            List<Endpoint> endpoints = registry.subscribedTo(event.tenant(), event.type());
            if (endpoints.isEmpty()) {
                log.debug("Webhook {} ({}) matches no endpoint; stored without deliveries", event.id(), event.type());
            }
            batch.add(outbound(event, message, endpoints, claimOf(event, now)));
        }
        return batch;
    }

    /** The message for these endpoints; those that order by key get it ordered when the event has a key. */
    private static OutboundMessage outbound(WebhookEvent event, WebhookMessage message, List<Endpoint> endpoints,
            @Nullable IdempotencyClaim claim) {
        List<String> endpointIds = new ArrayList<>(endpoints.size());
        Set<String> ordered = new HashSet<>();
        String key = event.orderingKey().orElse(null);
        for (Endpoint e : endpoints) {
            endpointIds.add(e.id());
            if (key != null && e.ordering().isOrdered()) {
                ordered.add(e.id());
            }
        }
        return new OutboundMessage(message, endpointIds, ordered.isEmpty() ? null : key, ordered, claim);
    }
}
