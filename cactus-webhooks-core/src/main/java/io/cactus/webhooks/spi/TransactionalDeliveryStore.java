package io.cactus.webhooks.spi;

import java.sql.Connection;
import java.util.List;

/** A {@link DeliveryStore} that can write inside a caller's JDBC transaction. */
public interface TransactionalDeliveryStore extends DeliveryStore {

    /**
     * Stores like {@link #enqueue(List)} but on {@code connection}, without committing, rolling
     * back or closing it.
     */
    void enqueue(Connection connection, List<OutboundMessage> messages);
}
