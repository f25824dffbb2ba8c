package io.cactus.webhooks;

import java.sql.Connection;
import java.util.List;

/**
 * Publishes events: validates and serialises each once, matches the subscribed endpoints, stores
 * the message and its deliveries, and wakes the dispatcher. Returns once the event is stored.
 *
 * <p>Thread-safe.
 */
public interface WebhookPublisher {

    /**
     * Stores one event for delivery.
     *
     * @throws PayloadTooLargeException if the serialised event is over the limit; nothing is stored
     * @throws WebhookException if the data cannot be serialised or the store fails; nothing is stored
     */
    PublishReceipt publish(WebhookEvent event);

    /** Publishes a new event of this type with a fresh message id. */
    default PublishReceipt publish(EventType type, Object data) {
        return publish(WebhookEvent.of(type, data));
    }

    /**
     * Stores several events in one write: all or none.
     *
     * @throws IllegalArgumentException if two events share a message id
     */
    List<PublishReceipt> publishAll(List<WebhookEvent> events);

    /**
     * Stores the event on the caller's JDBC connection, inside the caller's transaction: it
     * commits or rolls back with the caller's own data (a transactional outbox). The connection is
     * neither committed nor closed. The dispatcher sees the event after the commit, at its next
     * poll, or at once if the caller calls {@link Webhooks#wake()} after committing.
     *
     * @throws UnsupportedOperationException if the store is not a JDBC store
     */
    PublishReceipt publish(WebhookEvent event, Connection connection);
}
