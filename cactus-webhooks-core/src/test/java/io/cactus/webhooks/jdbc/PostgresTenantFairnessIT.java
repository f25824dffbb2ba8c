package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.recovery.TenantFairnessContract;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** {@link TenantFairnessContract} on PostgreSQL (embedded). */
class PostgresTenantFairnessIT extends TenantFairnessContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return JdbcDeliveryStore.builder(TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase()))
                .initializeSchema(true).clock(clock).build();
    }
}
