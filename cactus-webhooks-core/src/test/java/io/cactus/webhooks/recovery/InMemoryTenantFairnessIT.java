package io.cactus.webhooks.recovery;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** {@link TenantFairnessContract} on the in-memory store. */
class InMemoryTenantFairnessIT extends TenantFairnessContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return new InMemoryDeliveryStore(clock);
    }
}
