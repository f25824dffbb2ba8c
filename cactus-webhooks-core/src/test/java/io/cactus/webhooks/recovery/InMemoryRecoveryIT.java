package io.cactus.webhooks.recovery;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** {@link RecoveryContract} on the in-memory store. */
class InMemoryRecoveryIT extends RecoveryContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return new InMemoryDeliveryStore(clock);
    }
}
