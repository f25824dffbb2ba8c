package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.recovery.RecoveryContract;
import io.cactus.webhooks.spi.DeliveryStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** {@link RecoveryContract} on H2 in file mode, a new database per store. */
class H2FileRecoveryIT extends RecoveryContract {

    @TempDir
    Path dir;
    private int next;

    @Override
    protected DeliveryStore newStore(Clock clock) {
        Path db = dir.resolve("db" + next++);
        return JdbcDeliveryStore.builder(TestDatabases.h2File(db, "")).initializeSchema(true).clock(clock).build();
    }
}
