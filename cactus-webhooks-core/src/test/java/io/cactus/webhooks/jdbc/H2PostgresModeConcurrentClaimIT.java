package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.store.ConcurrentClaimContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class H2PostgresModeConcurrentClaimIT extends ConcurrentClaimContract {

    @TempDir
    Path dir;

    @Override
    protected List<DeliveryStore> twoStores() {
        return TestDatabases.twoStores(TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE),
                TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE));
    }
}
