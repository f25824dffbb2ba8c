package io.cactus.webhooks.store;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import java.util.List;

/** Concurrent claims on one {@link InMemoryDeliveryStore}, as two dispatchers in one process make them. */
class InMemoryConcurrentClaimTest extends ConcurrentClaimContract {

    @Override
    protected List<DeliveryStore> twoStores() {
        DeliveryStore store = new InMemoryDeliveryStore();
        return List.of(store, store);
    }
}
