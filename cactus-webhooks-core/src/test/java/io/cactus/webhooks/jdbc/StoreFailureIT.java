package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.internal.EventEncoder;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.OutboundMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A store failure is a WebhookStoreException that tells an outage from a refused statement. */
class StoreFailureIT {

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PGSimpleDataSource gone = new PGSimpleDataSource();
        gone.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/webhooks");
        gone.setConnectTimeout(2);
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(gone).dialect("postgresql").build();

        assertThatThrownBy(() -> store.count(DeliveryQuery.all()))
                .isInstanceOfSatisfying(WebhookStoreException.class, e -> assertThat(e.isUnavailable()).isTrue())
                .hasMessageStartingWith("could not count deliveries");
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotAnOutage() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(TestDatabases.postgresDataSource(
                TestDatabases.newPostgresDatabase())).initializeSchema(true).build();
        WebhookMessage m = EventEncoder.defaults().encode(WebhookEvent.of("client.created", Map.of("n", 1)));
        store.enqueue(List.of(new OutboundMessage(m, List.of("crm"))));

        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("crm")))))
                .isInstanceOfSatisfying(WebhookStoreException.class, e -> assertThat(e.isUnavailable()).isFalse());
        assertThat(store.count(DeliveryQuery.all())).as("the refused call wrote nothing").isEqualTo(1);
    }
}
