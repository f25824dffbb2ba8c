package io.cactus.webhooks.spi;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link DeliveryStore} that can write inside a caller's JDBC transaction: the transactional
 * outbox behind {@link io.cactus.webhooks.WebhookPublisher#publish(io.cactus.webhooks.WebhookEvent,
 * Connection)}. The JDBC store is one.
 *
 * <p>Implementations must be thread-safe; the caller's connection is used only on the calling
 * thread and only during the call.
 */
public interface TransactionalDeliveryStore extends DeliveryStore {

    /**
     * Stores like {@link #enqueue(List)} but on {@code connection}, without committing, rolling
     * back or closing it: the messages and deliveries exist if and only if the caller commits.
     *
     * @param connection the caller's connection to the store's database, in a transaction
     * @param messages the messages with their endpoints; an empty list writes nothing
     * @throws IllegalArgumentException as {@link #enqueue(List)}, or if the connection is null or
     *     in auto-commit mode
     * @throws io.cactus.webhooks.WebhookException if a write fails; the caller should then roll
     *     its transaction back
     */
    void enqueue(Connection connection, List<OutboundMessage> messages);

    /**
     * Stores like {@link #enqueueIdempotent(List)} but on {@code connection}, without committing,
     * rolling back or closing it. The key is written in the caller's transaction: until that
     * commits, another publish of the key waits for it (on PostgreSQL and MariaDB; H2 as its lock
     * timeout allows), and gets this publish's receipt if it commits, or stores its own message if
     * it rolls back. The write never leaves the caller's transaction unusable on a duplicate (no
     * unique violation is raised on PostgreSQL).
     *
     * <p>The default refuses a list with a claim and otherwise stores through
     * {@link #enqueue(Connection, List)}.
     *
     * @param connection the caller's connection, in a transaction
     * @param messages the messages with their endpoints and optional claims
     * @return one receipt per message, in the order given
     * @throws IllegalArgumentException as {@link #enqueue(Connection, List)}
     * @throws UnsupportedOperationException from the default, if a message has a claim
     * @throws io.cactus.webhooks.WebhookException if a write fails; the caller should then roll
     *     its transaction back
     */
    default List<io.cactus.webhooks.PublishReceipt> enqueueIdempotent(Connection connection,
            List<OutboundMessage> messages) {
        io.cactus.webhooks.internal.StoreArguments.checkMessages(messages);
        for (OutboundMessage m : messages) {
            if (m.idempotency() != null) {
                throw new UnsupportedOperationException(getClass().getName()
                        + " does not store idempotency keys; publish without one or use a library store");
            }
        }
        enqueue(connection, messages);
        return messages.stream().map(OutboundMessage::storedReceipt).toList();
    }

    /**
     * The DataSource whose connections {@link #enqueue(Connection, List)} accepts: the one the store
     * itself writes to. A framework that joins the caller's transaction (the Spring adapter) takes
     * the transaction's connection of this DataSource, and can tell at startup when the
     * application's transaction manager manages another one.
     *
     * @return the store's DataSource; empty if the store cannot say (then the framework has to be
     *     told which DataSource to join)
     */
    default Optional<DataSource> dataSource() {
        return Optional.empty();
    }
}
