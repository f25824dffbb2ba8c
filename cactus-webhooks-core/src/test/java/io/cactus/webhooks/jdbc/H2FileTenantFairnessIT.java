package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.recovery.TenantFairnessContract;
import io.cactus.webhooks.spi.DeliveryStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** {@link TenantFairnessContract} on H2 in file mode. */
class H2FileTenantFairnessIT extends TenantFairnessContract {

    @TempDir
    Path dir;

    @Override
    protected DeliveryStore newStore(Clock clock) {
        return JdbcDeliveryStore.builder(TestDatabases.h2File(dir.resolve("db"), "")).initializeSchema(true).clock(clock)
                .build();
    }
}
