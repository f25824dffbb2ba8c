package io.cactus.webhooks.catalog;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** Schema validation at publish on the in-memory store. */
class InMemorySchemaValidationTest extends SchemaValidationContract {

    @Override
    protected DeliveryStore newStore() {
        return new InMemoryDeliveryStore(Clock.systemUTC());
    }
}
