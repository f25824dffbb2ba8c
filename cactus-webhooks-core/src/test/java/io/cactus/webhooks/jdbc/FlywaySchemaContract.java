package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.docs.WebhookSchemaWithFlyway;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway runs the scripts of the core jar (docs/storage.md): alone, beside an application's own
 * migrations with a history table of their own, on a schema created before versioned scripts, and
 * the built-in migrator can take over a schema that Flyway made.
 */
abstract class FlywaySchemaContract {

    private static final String APP_MIGRATIONS = "classpath:io/cactus/webhooks/jdbc/flyway-app";

    DataSource dataSource;
    JdbcDialect dialect;
    private Connection keepOpen;

    abstract DataSource newDataSource();

    @BeforeEach
    void openDatabase() throws SQLException {
        dataSource = newDataSource();
        keepOpen = dataSource.getConnection();
        dialect = JdbcDialect.detect(keepOpen);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    private String location() {
        return "classpath:db/cactus-webhooks/" + dialect.scriptFolder();
    }

    @Test
    void flywayAloneRunsEveryScriptAndTheStoreAndTheRegistryWork() throws SQLException {
        // what spring.flyway.locations=classpath:db/cactus-webhooks/{vendor} does
        int executed = Flyway.configure().dataSource(dataSource).locations(location()).load().migrate()
                .migrationsExecuted;

        assertThat(executed).isEqualTo(4);
        assertThat(migrations("flyway_schema_history")).isEqualTo(4);
        theStoreAndTheRegistryWorkWithoutInitializingTheSchema();
    }

    @Test
    void besideTheApplicationsOwnMigrationsTheScriptsKeepAHistoryOfTheirOwn() throws SQLException {
        Flyway application = Flyway.configure().dataSource(dataSource).locations(APP_MIGRATIONS).load();
        application.migrate();

        WebhookSchemaWithFlyway.migrateWebhookTables(dataSource, dialect.scriptFolder());

        assertThat(migrations("flyway_schema_history")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM \"cactus_webhook_flyway_history\""
                + " WHERE \"version\" IN ('1', '2', '3', '4') AND \"success\""))
                .isEqualTo(4);
        theStoreAndTheRegistryWorkWithoutInitializingTheSchema();
        assertThat(application.migrate().migrationsExecuted).isZero();
        WebhookSchemaWithFlyway.migrateWebhookTables(dataSource, dialect.scriptFolder());
        assertThat(migrations("cactus_webhook_flyway_history")).as("the baseline and the four, nothing new")
                .isEqualTo(5);
    }

    @Test
    void inTheApplicationsOwnHistoryTheVersionsCollide() {
        assertThatThrownBy(() -> Flyway.configure().dataSource(dataSource).locations(APP_MIGRATIONS, location())
                .load().migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("more than one migration with version 1");
    }

    @Test
    void aSchemaCreatedBeforeVersionedScriptsIsAdoptedByFlyway() throws SQLException {
        TestDatabases.runLegacySchema(dataSource, dialect, "schema-0.1");
        JdbcDeliveryStore.builder(dataSource).build(); // the tables of 0.1, without the trace columns
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload)"
                        + " VALUES ('msg-old', 'client.created', CURRENT_TIMESTAMP, ?)")) {
            ps.setBytes(1, "{}".getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }

        WebhookSchemaWithFlyway.migrateWebhookTables(dataSource, dialect.scriptFolder());

        JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource).build();
        assertThat(store.message("msg-old")).isPresent();
        theStoreAndTheRegistryWorkWithoutInitializingTheSchema();
    }

    @Test
    void theBuiltInMigratorTakesOverASchemaThatFlywayMade() throws SQLException {
        Flyway.configure().dataSource(dataSource).locations(location()).load().migrate();

        JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build();
        JdbcEndpointRegistry.builder(dataSource).initializeSchema(true).build();

        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_schema_history WHERE baseline")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_schema_history")).isEqualTo(4);
        theStoreAndTheRegistryWorkWithoutInitializingTheSchema();
    }

    private void theStoreAndTheRegistryWorkWithoutInitializingTheSchema() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource).build();
        WebhookMessage m = new WebhookMessage("msg-" + System.nanoTime(), EventType.of("client.created"),
                Instant.now(), "{}".getBytes(StandardCharsets.UTF_8));
        store.enqueue(List.of(new OutboundMessage(m, List.of("ep-flyway"))));
        Instant now = Instant.now();
        assertThat(store.claim(new ClaimRequest("node-1", 100, now, now.plusSeconds(30), Set.of())))
                .anyMatch(c -> c.message().id().equals(m.id()));

        JdbcEndpointRegistry registry = JdbcEndpointRegistry.builder(dataSource).build();
        registry.save(Endpoint.builder("ep-flyway", "https://example.com/hooks")
                .secret(WebhookSecret.generate()).build());
        assertThat(registry.find("ep-flyway")).isPresent();
    }

    /** The rows of a Flyway history table with a version (H2 also gets a row for the schema). */
    private long migrations(String table) throws SQLException {
        return count("SELECT COUNT(*) FROM \"" + table + "\" WHERE \"version\" IS NOT NULL AND \"success\"");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
