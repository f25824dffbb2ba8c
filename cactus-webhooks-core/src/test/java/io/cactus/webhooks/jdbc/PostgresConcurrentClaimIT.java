package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.store.ConcurrentClaimContract;
import java.util.List;

class PostgresConcurrentClaimIT extends ConcurrentClaimContract {

    @Override
    protected List<DeliveryStore> twoStores() {
        String db = TestDatabases.newPostgresDatabase();
        return TestDatabases.twoStores(TestDatabases.postgresDataSource(db), TestDatabases.postgresDataSource(db));
    }
}
