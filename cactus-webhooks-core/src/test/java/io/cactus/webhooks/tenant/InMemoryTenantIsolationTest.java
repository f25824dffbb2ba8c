package io.cactus.webhooks.tenant;

import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EditableEndpointRegistry;

/**
 * Tenant isolation on {@link InMemoryDeliveryStore} with a registry that keeps the SPI's defaults
 * for tenants (find, then check).
 */
class InMemoryTenantIsolationTest extends TenantIsolationContract {

    @Override
    protected DeliveryStore newStore() {
        return new InMemoryDeliveryStore();
    }

    @Override
    protected EditableEndpointRegistry newRegistry() {
        return new MapEndpointRegistry();
    }
}
