package io.cactus.webhooks;

import java.sql.Connection;
import java.util.List;

/**
 * Publishes events: validates and serialises each once, matches the subscribed endpoints, stores
 * the message and its deliveries, and wakes the dispatcher. Returns once the event is stored.
 *
 * <p>The endpoints are matched at publish time: those enabled whose filters match the event's type
 * and whose {@linkplain io.cactus.webhooks.endpoint.Endpoint#tenant() tenant} is the event's
 * ({@link WebhookEvent#tenant()}; an event without a tenant goes to endpoints without one)
 * ({@link io.cactus.webhooks.spi.EndpointRegistry#subscribedTo(TenantId, EventType)}). An event that matches none is
 * stored without deliveries, and its receipt lists no endpoint. The envelope is written by the
 * instance's {@link io.cactus.webhooks.spi.PayloadSerializer} once; the event is not used after
 * the call returns.
 *
 * <p>Get one from {@link Webhooks#publisher()}; a Spring application injects the adapter's
 * transactional publisher, which joins the caller's transaction. Arguments must not be null
 * (a null event or connection throws {@link NullPointerException}, a null list
 * {@link IllegalArgumentException}); results are never null. A failed call stores nothing.
 *
 * <p>An event with an {@linkplain WebhookEvent#idempotencyKey() idempotency key} that an earlier
 * publish stored within the instance's idempotency window ({@link Webhooks#idempotencyWindow()})
 * stores nothing: its receipt is the earlier one (message id, type, endpoints) with
 * {@link PublishOutcome#DUPLICATE}, and the dispatcher is not woken for it. The store enforces the
 * key (across nodes and restarts with the JDBC store); see docs/dispatching.md.
 *
 * <p>Implementations must be thread-safe.
 */
public interface WebhookPublisher {

    /**
     * Stores one event for delivery: its message and one delivery, due at once, per subscribed
     * endpoint.
     *
     * @param event the event
     * @return the receipt: the message id and the endpoints the event goes to; for a duplicate of a
     *     key within the window, the first publish's receipt with {@link PublishOutcome#DUPLICATE}
     * @throws PayloadTooLargeException if the serialised event is over the limit; nothing is stored
     * @throws WebhookStoreException if the store fails, or already holds a message with this id;
     *     nothing is stored
     * @throws WebhookException if the data cannot be serialised (the cause says why); nothing is stored
     */
    PublishReceipt publish(WebhookEvent event);

    /**
     * Publishes a new event of this type with a fresh message id, timestamped now by the system
     * clock ({@link WebhookEvent#of(EventType, Object)}); otherwise as {@link #publish(WebhookEvent)}.
     *
     * @param type the event type
     * @param data the event data, as the serializer can write it
     * @return the receipt
     * @throws IllegalArgumentException if {@code type} or {@code data} is null
     * @throws WebhookException as {@link #publish(WebhookEvent)}
     */
    default PublishReceipt publish(EventType type, Object data) {
        return publish(WebhookEvent.of(type, data));
    }

    /**
     * Publishes the event for {@code tenant}: it goes only to that tenant's enabled endpoints that
     * subscribe to its type (docs/tenants.md); otherwise as {@link #publish(WebhookEvent)}.
     *
     * @param tenant the tenant
     * @param event the event; without a tenant, or with this one
     * @return the receipt
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the event names another tenant; nothing is stored
     * @throws WebhookException as {@link #publish(WebhookEvent)}
     */
    default PublishReceipt publish(TenantId tenant, WebhookEvent event) {
        java.util.Objects.requireNonNull(tenant, "tenant");
        java.util.Objects.requireNonNull(event, "event");
        TenantId own = event.tenant();
        if (own != null && !own.equals(tenant)) {
            throw new IllegalArgumentException("event " + event.id() + " belongs to tenant " + own
                    + ", not to " + tenant);
        }
        return publish(own != null ? event : event.toBuilder().tenant(tenant).build());
    }

    /**
     * Stores several events in one write: all or none. Every event is serialised before anything
     * is stored, so one that cannot be written stores none. An empty list stores nothing.
     *
     * @param events the events, each with its own message id
     * @return one receipt per event, in the order given
     * @throws IllegalArgumentException if the list is null or holds null, or two events share a
     *     message id or an idempotency key
     * @throws WebhookException as {@link #publish(WebhookEvent)}, for any of the events; nothing is
     *     stored
     */
    List<PublishReceipt> publishAll(List<WebhookEvent> events);

    /**
     * Stores the event on the caller's JDBC connection, inside the caller's transaction: it
     * commits or rolls back with the caller's own data (a transactional outbox). The connection is
     * neither committed, rolled back nor closed. The dispatcher is not woken: it sees the event
     * after the commit, at its next poll, or at once if the caller calls {@link Webhooks#wake()}
     * after committing.
     *
     * @param event the event
     * @param connection a connection to the store's database, with auto-commit off
     * @return the receipt; the event is stored only if the caller commits. Its idempotency key, if
     *     any, is held by the caller's transaction: a publish of the same key elsewhere waits for it,
     *     then gets this receipt if it commits or stores its own event if it rolls back
     * @throws UnsupportedOperationException if the store cannot write on a caller's connection
     *     (it is not a {@link io.cactus.webhooks.spi.TransactionalDeliveryStore}, as the in-memory
     *     store is not); see {@link Webhooks#joinsTransactions()}
     * @throws IllegalArgumentException if the connection is in auto-commit mode (the JDBC store
     *     refuses it: there would be no transaction to join)
     * @throws WebhookException as {@link #publish(WebhookEvent)}; after a failed write roll the
     *     caller's transaction back
     */
    PublishReceipt publish(WebhookEvent event, Connection connection);
}
