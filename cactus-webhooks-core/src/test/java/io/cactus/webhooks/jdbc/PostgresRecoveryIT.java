package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.recovery.RecoveryContract;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;

/** {@link RecoveryContract} on PostgreSQL (embedded), a new database per store. */
class PostgresRecoveryIT extends RecoveryContract {

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return JdbcDeliveryStore.builder(TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase()))
                .initializeSchema(true).clock(clock).build();
    }
}
