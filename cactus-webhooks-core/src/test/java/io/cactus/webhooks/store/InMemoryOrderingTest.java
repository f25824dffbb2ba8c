package io.cactus.webhooks.store;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** The ordering contract on {@link InMemoryDeliveryStore}. */
class InMemoryOrderingTest extends OrderingContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return new InMemoryDeliveryStore(clock);
    }
}
