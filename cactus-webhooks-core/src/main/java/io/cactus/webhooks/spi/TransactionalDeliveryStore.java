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
