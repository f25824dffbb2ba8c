package io.cactus.webhooks.store;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** Idempotent publishing on {@link InMemoryDeliveryStore}; a second node shares the same instance. */
class InMemoryIdempotencyTest extends IdempotencyContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return new InMemoryDeliveryStore(clock);
    }

    @Override
    protected DeliveryStore secondNode(Clock clock) {
        return store;
    }
}
