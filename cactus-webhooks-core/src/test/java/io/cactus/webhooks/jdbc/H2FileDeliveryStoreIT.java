package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 in file mode, plus durability across a close and reopen. */
class H2FileDeliveryStoreIT extends JdbcDeliveryStoreContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, "");
    }

    @Test
    void deliveriesSurviveClosingAndReopeningTheDatabase() throws Exception {
        enqueue("client.created", "ep-a", "ep-b");
        ClaimedDelivery leased = claim("node-1", 1).get(0);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }

        DataSource reopened = TestDatabases.h2File(dir, "");
        JdbcDeliveryStore again = JdbcDeliveryStore.builder(reopened).clock(clock).build();

        assertThat(again.count(DeliveryQuery.all())).isEqualTo(2);
        assertThat(again.find(leased.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        store = again;
        ClaimedDelivery pending = claim("node-2", 10).get(0);
        assertThat(pending.deliveryId()).isNotEqualTo(leased.deliveryId());
        assertThat(again.record(List.of(succeeded(pending)))).hasSize(1);
        clock.advance(LEASE);
        List<ClaimedDelivery> afterLease = claim("node-2", 10);
        assertThat(afterLease).as("the crashed owner's lease ended").singleElement()
                .satisfies(c -> assertThat(c.deliveryId()).isEqualTo(leased.deliveryId()));
    }
}
