package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.HealthState;
import io.cactus.webhooks.store.EndpointHealthStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health store contract on a database, two nodes with their own DataSources; plus its rows
 * and its failures. Subclasses supply two DataSources on one fresh database.
 */
abstract class JdbcEndpointHealthStoreContract extends EndpointHealthStoreContract {

    DataSource dataSource;
    /** Keeps an H2 file database open between the stores' connections, as a pool would. */
    private Connection keepOpen;

    abstract List<DataSource> twoDataSources() throws Exception;

    @Override
    protected List<EndpointHealthStore> twoStores() throws Exception {
        List<DataSource> sources = twoDataSources();
        dataSource = sources.get(0);
        keepOpen = dataSource.getConnection();
        JdbcDeliveryStore first = JdbcDeliveryStore.builder(sources.get(0)).initializeSchema(true).build();
        JdbcDeliveryStore second = JdbcDeliveryStore.builder(sources.get(1)).build();
        assertThat(first.endpointHealth()).isSameAs(first.endpointHealth()).isInstanceOf(JdbcEndpointHealthStore.class);
        return List.of(first.endpointHealth(), second.endpointHealth());
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    long rows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cactus_webhook_endpoint_health")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void onlyStatesThatAreNotCleanHaveARow() throws SQLException {
        a.update("ep-a", old -> old);
        assertThat(rows()).isZero();
        a.update("ep-a", old -> failing("ep-a", 1));
        b.update("ep-b", old -> paused("ep-b", 5));
        assertThat(rows()).isEqualTo(2);

        b.update("ep-a", old -> HealthState.healthy("ep-a"));

        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aDatabaseFailureIsAWebhookExceptionWithTheDriversError() throws SQLException {
        a.update("ep-a", old -> paused("ep-a", 5));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE cactus_webhook_endpoint_health");
        }

        assertThatThrownBy(() -> a.update("ep-a", old -> old)).isInstanceOf(WebhookException.class)
                .hasCauseInstanceOf(SQLException.class).hasMessageContaining("ep-a");
        assertThatThrownBy(() -> b.all()).isInstanceOf(WebhookException.class).hasCauseInstanceOf(SQLException.class);
    }
}
