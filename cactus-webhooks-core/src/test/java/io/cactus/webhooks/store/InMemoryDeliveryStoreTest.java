package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The store contract on {@link InMemoryDeliveryStore}. */
class InMemoryDeliveryStoreTest extends DeliveryStoreContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return new InMemoryDeliveryStore(clock);
    }

    @Test
    void deliveryIdsAreTimedByTheStoresClock() {
        enqueue("client.created", "ep-a", "ep-b");
        clock.advance(Duration.ofSeconds(1));
        enqueue("client.created", "ep-c");

        Map<String, Long> millisByEndpoint = seen().deliveries().stream().collect(Collectors.toMap(
                Delivery::endpointId, d -> Ulid.millisOf(d.id().substring("dlv_".length()))));
        assertThat(millisByEndpoint).containsOnly(Map.entry("ep-a", START.toEpochMilli()),
                Map.entry("ep-b", START.toEpochMilli()), Map.entry("ep-c", START.toEpochMilli() + 1000));
    }
}
