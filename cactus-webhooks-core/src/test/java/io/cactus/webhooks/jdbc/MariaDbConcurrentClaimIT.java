package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.store.ConcurrentClaimContract;
import java.util.List;

/** Two nodes claiming from one MariaDB database never get the same delivery. */
class MariaDbConcurrentClaimIT extends ConcurrentClaimContract {

    @Override
    protected List<DeliveryStore> twoStores() {
        String db = MariaDbServer.newDatabase();
        return TestDatabases.twoStores(MariaDbServer.dataSource(db), MariaDbServer.dataSource(db));
    }
}
