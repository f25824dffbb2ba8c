package io.cactus.webhooks.store;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.EndpointHealthStore;
import java.util.List;

/** The health store contract on the in-memory store's, shared by two dispatchers of one process. */
class InMemoryEndpointHealthStoreTest extends EndpointHealthStoreContract {

    @Override
    protected List<EndpointHealthStore> twoStores() {
        EndpointHealthStore store = new InMemoryDeliveryStore().endpointHealth();
        return List.of(store, store);
    }
}
