package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in migrator on a real database: a fresh one, one at V1 with data, two nodes at once, one
 * newer than the library, a changed script, and schemas created before versioned scripts.
 */
abstract class SchemaMigratorContract {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Opens DataSources on one new, empty database: each call a separate instance, as two nodes have. */
    @FunctionalInterface
    interface Database {
        DataSource open();
    }

    private Database database;
    DataSource dataSource;
    JdbcDialect dialect;
    /** Keeps an H2 file database open between the migrator's connections, as a pool would. */
    private Connection keepOpen;

    abstract Database newDatabase();

    /** Whether some session waits for the migration lock another one holds. */
    abstract boolean aMigratorIsWaiting(Connection c) throws SQLException;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = newDatabase();
        dataSource = database.open();
        keepOpen = dataSource.getConnection();
        dialect = JdbcDialect.detect(keepOpen);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    SchemaMigrator migrator() {
        return new SchemaMigrator(dataSource, dialect, CLOCK);
    }

    @Test
    void aFreshDatabaseGetsEveryScriptOnceInVersionOrder() throws SQLException {
        assertThat(versions(migrator().migrate(SchemaComponent.DELIVERIES))).containsExactly(1, 3, 4, 6, 7, 9, 10);
        assertThat(versions(migrator().migrate(SchemaComponent.ENDPOINTS))).containsExactly(2, 5, 8, 11);

        assertThat(history()).containsExactly(
                List.of("1", "deliveries", "deliveries", "V1__deliveries.sql", checksum(1), "false"),
                List.of("2", "endpoints", "endpoints", "V2__endpoints.sql", checksum(2), "false"),
                List.of("3", "deliveries", "message trace context", "V3__message_trace_context.sql", checksum(3),
                        "false"),
                List.of("4", "deliveries", "retention", "V4__retention.sql", checksum(4), "false"),
                List.of("5", "endpoints", "endpoint source", "V5__endpoint_source.sql", checksum(5), "false"),
                List.of("6", "deliveries", "idempotency", "V6__idempotency.sql", checksum(6), "false"),
                List.of("7", "deliveries", "ordering", "V7__ordering.sql", checksum(7), "false"),
                List.of("8", "endpoints", "endpoint ordering", "V8__endpoint_ordering.sql", checksum(8), "false"),
                List.of("9", "deliveries", "claim by endpoint", "V9__claim_by_endpoint.sql", checksum(9), "false"),
                List.of("10", "deliveries", "tenants", "V10__tenants.sql", checksum(10), "false"),
                List.of("11", "endpoints", "endpoint tenants", "V11__endpoint_tenants.sql", checksum(11), "false"));
        assertThat(instant("SELECT MIN(installed_at) FROM cactus_webhook_schema_history")).isEqualTo(NOW);
        assertThat(columns("cactus_webhook_messages")).contains("traceparent", "tracestate");
        assertThat(columns("cactus_webhook_endpoints")).contains("source", "source_origin", "configured_enabled");

        assertThat(migrator().migrate(SchemaComponent.DELIVERIES)).as("again: nothing to do").isEmpty();
        assertThat(migrator().migrate(SchemaComponent.ENDPOINTS)).isEmpty();
        assertThat(history()).hasSize(11);
    }

    /** H2 commits each DDL statement, so a script that stopped halfway runs again in full: every one is safe twice. */
    @Test
    void everyScriptRunsTwiceWithoutHarm() throws SQLException {
        migrator().migrate(SchemaComponent.DELIVERIES);
        migrator().migrate(SchemaComponent.ENDPOINTS);
        for (SchemaComponent component : SchemaComponent.values()) {
            for (SchemaScript script : component.scripts()) {
                // one connection per script, as the migrator runs it: MariaDB's scripts keep a
                // statement in a session variable from one statement to the next
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    for (String statement : SchemaScript.statements(script.text(dialect))) {
                        s.execute(statement);
                    }
                }
            }
        }
        assertThat(columns("cactus_webhook_endpoints")).contains("source", "source_origin", "configured_enabled");
        assertThat(columns("cactus_webhook_messages")).contains("traceparent", "tracestate");
    }

    @Test
    void eachComponentCreatesOnlyItsOwnTables() throws SQLException {
        JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(CLOCK).build();
        assertThat(tables()).contains("cactus_webhook_messages", "cactus_webhook_deliveries",
                "cactus_webhook_attempts", "cactus_webhook_endpoint_health")
                .doesNotContain("cactus_webhook_endpoints", "cactus_webhook_endpoint_headers");

        JdbcEndpointRegistry.builder(dataSource).initializeSchema(true).clock(CLOCK).build();
        assertThat(tables()).contains("cactus_webhook_endpoints", "cactus_webhook_endpoint_headers");
        assertThat(history()).extracting(row -> row.get(0)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    }

    @Test
    void aDatabaseAtV1WithDataIsUpgradedAndKeepsEveryRow() throws SQLException {
        assertThat(versions(migrator().migrate(SchemaComponent.DELIVERIES, 1))).containsExactly(1);
        assertThat(columns("cactus_webhook_messages")).doesNotContain("traceparent");
        insertV1Rows();
        Map<String, List<Map<String, String>>> before = snapshotV1Tables();

        assertThat(versions(migrator().migrate(SchemaComponent.DELIVERIES))).containsExactly(3, 4, 6, 7, 9, 10);

        assertThat(snapshotV1Tables()).as("every row and value of V1").isEqualTo(before);
        assertThat(string("SELECT COUNT(*) FROM cactus_webhook_messages WHERE payload_expunged_at IS NULL"
                + " AND payload IS NOT NULL")).as("V4 keeps every payload").isEqualTo("2");
        assertThat(columns("cactus_webhook_messages")).contains("traceparent", "tracestate");
        assertThat(string("SELECT COUNT(*) FROM cactus_webhook_messages WHERE traceparent IS NULL")).isEqualTo("2");
        theStoreWorksOnTheOldRows();
    }

    @Test
    void twoNodesMigratingAtOnceApplyEachScriptOnceAndBothSucceed() throws Exception {
        DataSource second = database.open();
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        SchemaMigrator holding = new SchemaMigrator(dataSource, dialect, CLOCK, script -> {
            if (firstHoldsTheLock.getCount() > 0) {
                firstHoldsTheLock.countDown();
                try (Connection c = second.getConnection()) {
                    // the other node is stuck behind this one's lock while this one is inside a script
                    await().atMost(Duration.ofSeconds(30)).until(() -> aMigratorIsWaiting(c));
                }
            }
        });
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<List<SchemaScript>> first = nodes.submit(() -> holding.migrate(SchemaComponent.DELIVERIES));
            assertThat(firstHoldsTheLock.await(30, TimeUnit.SECONDS)).isTrue();
            Future<List<SchemaScript>> other = nodes.submit(
                    () -> new SchemaMigrator(second, dialect, CLOCK).migrate(SchemaComponent.DELIVERIES));

            List<SchemaScript> a = first.get(60, TimeUnit.SECONDS);
            List<SchemaScript> b = other.get(60, TimeUnit.SECONDS);

            assertThat(a).as("the first applied V1 while the other waited").first()
                    .extracting(SchemaScript::version).isEqualTo(1);
            assertOnceEach(List.of(a, b), 1, 3, 4, 6, 7, 9, 10);
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void twoNodesStartingTogetherRaceWithoutHarm() throws Exception {
        for (int round = 0; round < 3; round++) {
            if (round > 0) {
                closeDatabase();
                openDatabase();
            }
            List<DataSource> twoNodes = List.of(dataSource, database.open());
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<List<SchemaScript>>> runs = new ArrayList<>();
            for (DataSource node : twoNodes) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    SchemaMigrator m = new SchemaMigrator(node, dialect, CLOCK);
                    List<SchemaScript> applied = new ArrayList<>(m.migrate(SchemaComponent.DELIVERIES));
                    applied.addAll(m.migrate(SchemaComponent.ENDPOINTS));
                    return applied;
                }));
            }
            start.countDown();
            List<List<SchemaScript>> results = new ArrayList<>();
            for (CompletableFuture<List<SchemaScript>> run : runs) {
                results.add(run.get(60, TimeUnit.SECONDS));
            }
            assertOnceEach(results, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        }
    }

    @Test
    void aDatabaseNewerThanTheLibraryFailsNamingBothVersionsAndIsNotChanged() throws SQLException {
        migrator().migrate(SchemaComponent.DELIVERIES, 1);
        execute("INSERT INTO cactus_webhook_schema_history (version, component, description, script, checksum,"
                + " installed_at, execution_ms, baseline) VALUES (99, 'deliveries', 'from the future',"
                + " 'V99__from_the_future.sql', 'abc', CURRENT_TIMESTAMP, 1, FALSE)");
        List<List<String>> before = history();

        assertThatThrownBy(() -> migrator().migrate(SchemaComponent.DELIVERIES))
                .isInstanceOf(WebhookStoreException.class)
                .hasMessageContaining("newer than this library")
                .hasMessageContaining("deliveries is at V99 (V99__from_the_future.sql")
                .hasMessageContaining("this library knows deliveries up to V10");
        assertThatThrownBy(() -> JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build())
                .as("what a user sees at startup").hasMessageContaining("V99").hasMessageContaining("V9");

        assertThat(history()).isEqualTo(before);
        assertThat(columns("cactus_webhook_messages")).as("V3 was not applied").doesNotContain("traceparent");
        assertThat(versions(migrator().migrate(SchemaComponent.ENDPOINTS))).as("another component goes on")
                .containsExactly(2, 5, 8, 11);
    }

    @Test
    void aChangedScriptIsReportedWithBothChecksumsAndNothingIsApplied() throws SQLException {
        migrator().migrate(SchemaComponent.DELIVERIES, 1);
        execute("UPDATE cactus_webhook_schema_history SET checksum = 'c0ffee' WHERE version = 1");

        assertThatThrownBy(() -> migrator().migrate(SchemaComponent.DELIVERIES))
                .isInstanceOf(WebhookStoreException.class)
                .hasMessageContaining("deliveries V1__deliveries.sql differs from the one applied")
                .hasMessageContaining("checksum c0ffee in cactus_webhook_schema_history, " + checksum(1)
                        + " in this library");

        assertThat(columns("cactus_webhook_messages")).doesNotContain("traceparent");
        assertThat(history()).hasSize(1);
    }

    @Test
    void aDatabaseCreatedByTheDdlOf01IsAdoptedAsV1ThenUpgraded() throws SQLException {
        runLegacy("schema-0.1");
        insertV1Rows();
        insertEndpointRow();
        Map<String, List<Map<String, String>>> before = snapshotV1Tables();

        assertThat(versions(migrator().migrate(SchemaComponent.DELIVERIES))).containsExactly(1, 3, 4, 6, 7, 9, 10);
        assertThat(versions(migrator().migrate(SchemaComponent.ENDPOINTS))).containsExactly(2, 5, 8, 11);

        assertThat(history()).extracting(row -> row.get(0) + " baseline " + row.get(5))
                .containsExactly("1 baseline true", "2 baseline true", "3 baseline false", "4 baseline false", "5 baseline false",
                        "6 baseline false", "7 baseline false", "8 baseline false", "9 baseline false",
                        "10 baseline false", "11 baseline false");
        assertThat(snapshotV1Tables()).isEqualTo(before);
        assertThat(columns("cactus_webhook_messages")).contains("traceparent", "tracestate");
        assertThat(JdbcEndpointRegistry.builder(dataSource).clock(CLOCK).build().find("ep-legacy"))
                .as("an endpoint stored before V5 is a runtime one").hasValueSatisfying(e -> assertThat(e.source())
                        .isEqualTo(io.cactus.webhooks.endpoint.EndpointSource.RUNTIME));
        theStoreWorksOnTheOldRows();
    }

    @Test
    void aDatabaseCreatedByTheLastUnversionedDdlIsAdoptedAndKeepsItsTraceContexts() throws SQLException {
        runLegacy("schema-unversioned");
        insertV1Rows();
        execute("UPDATE cactus_webhook_messages SET traceparent = '" + TRACE.traceparent() + "' WHERE id = 'msg-1'");

        assertThat(versions(migrator().migrate(SchemaComponent.DELIVERIES))).as("V3 finds its columns")
                .containsExactly(1, 3, 4, 6, 7, 9, 10);

        JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource).clock(CLOCK).build();
        assertThat(store.message("msg-1").orElseThrow().traceContext())
                .contains(new W3cTraceContext(TRACE.traceparent(), null));
    }

    @Test
    void anAttemptsTableFromBeforeFailureKindGainsItWhenAdopted() throws SQLException {
        runLegacy("schema-0.1");
        execute("ALTER TABLE cactus_webhook_attempts DROP COLUMN failure_kind");

        migrator().migrate(SchemaComponent.DELIVERIES);

        assertThat(columns("cactus_webhook_attempts")).endsWith("failure_kind");
    }

    @Test
    void theStoreBuilderMigratesAndCreateSchemaAgainChangesNothing() throws SQLException {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(CLOCK).build();
        List<List<String>> history = history();

        store.createSchema();

        assertThat(history()).isEqualTo(history).hasSize(7);
    }

    private static final W3cTraceContext TRACE = new W3cTraceContext(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7");

    /** The store on the upgraded database: reads the old message, claims its due delivery, stores a traced one. */
    private void theStoreWorksOnTheOldRows() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource).clock(CLOCK).build();
        WebhookMessage old = store.message("msg-1").orElseThrow();
        assertThat(old.bodyAsString()).isEqualTo("{\"n\":1}");
        assertThat(old.traceContext()).isEmpty();
        assertThat(store.count(DeliveryQuery.all())).isEqualTo(3);
        assertThat(store.attempts("del-1")).hasSize(2);

        List<ClaimedDelivery> claimed = store.claim(new ClaimRequest("node-1", 10, NOW, NOW.plusSeconds(30), Set.of()));
        assertThat(claimed).extracting(ClaimedDelivery::deliveryId).containsExactlyInAnyOrder("del-2", "del-3");

        WebhookMessage traced = new WebhookMessage("msg-new", EventType.of("client.created"), NOW,
                "{}".getBytes(StandardCharsets.UTF_8), TRACE);
        store.enqueue(List.of(new OutboundMessage(traced, List.of("ep-a"))));
        assertThat(store.message("msg-new")).contains(traced);
        assertThat(store.find("del-1").orElseThrow().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    /** Rows as 0.1 wrote them: two messages, three deliveries (one done after two attempts), endpoint health. */
    private void insertV1Rows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insertMessage(c, "msg-1", "{\"n\":1}");
            insertMessage(c, "msg-2", "{\"n\":2}");
            insertDelivery(c, "del-1", "msg-1", "ep-a", "SUCCEEDED", 2, null);
            insertDelivery(c, "del-2", "msg-1", "ep-b", "RETRYING", 1, NOW.minusSeconds(5));
            insertDelivery(c, "del-3", "msg-2", "ep-a", "PENDING", 0, NOW.minusSeconds(60));
            insertAttempt(c, "del-1", 1, 503, "HTTP 503", "busy", null);
            insertAttempt(c, "del-1", 2, 200, null, "ok", null);
            insertAttempt(c, "del-2", 1, null, "connect timed out", null, "TIMEOUT");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cactus_webhook_endpoint_health (endpoint_id,"
                    + " state, consecutive_failures, failing_since, paused_until, last_pause_ms, updated_at)"
                    + " VALUES ('ep-b', 'OPEN', 3, ?, ?, 5000, ?)")) {
                ps.setObject(1, at(NOW.minusSeconds(600)));
                ps.setObject(2, at(NOW.plusSeconds(5)));
                ps.setObject(3, at(NOW.minusSeconds(5)));
                ps.executeUpdate();
            }
        }
    }

    private void insertMessage(Connection c, String id, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cactus_webhook_messages (id, event_type,"
                + " created_at, payload) VALUES (?, 'client.created', ?, ?)")) {
            ps.setString(1, id);
            ps.setObject(2, at(NOW.minusSeconds(3600)));
            ps.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
    }

    private void insertDelivery(Connection c, String id, String message, String endpoint, String status,
            int attempts, Instant due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cactus_webhook_deliveries (id, message_id,"
                + " endpoint_id, status, attempts, due_at, created_at, last_attempt_at, finished_at, last_status_code,"
                + " last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean done = due == null;
            ps.setString(1, id);
            ps.setString(2, message);
            ps.setString(3, endpoint);
            ps.setString(4, status);
            ps.setInt(5, attempts);
            ps.setObject(6, due == null ? null : at(due), timeType());
            ps.setObject(7, at(NOW.minusSeconds(3600)));
            ps.setObject(8, attempts == 0 ? null : at(NOW.minusSeconds(1800)), timeType());
            ps.setObject(9, done ? at(NOW.minusSeconds(1800)) : null, timeType());
            ps.setObject(10, done ? 200 : null, java.sql.Types.INTEGER);
            ps.setString(11, done || attempts == 0 ? null : "connect timed out");
            ps.executeUpdate();
        }
    }

    private void insertAttempt(Connection c, String delivery, int attempt, Integer status, String error,
            String excerpt, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cactus_webhook_attempts (delivery_id, attempt,"
                + " started_at, duration_ms, status_code, error, response_excerpt, failure_kind)"
                + " VALUES (?, ?, ?, 42, ?, ?, ?, ?)")) {
            ps.setString(1, delivery);
            ps.setInt(2, attempt);
            ps.setObject(3, at(NOW.minusSeconds(1800 + attempt)));
            ps.setObject(4, status, java.sql.Types.INTEGER);
            ps.setString(5, error);
            ps.setString(6, excerpt);
            ps.setString(7, kind);
            ps.executeUpdate();
        }
    }

    private void insertEndpointRow() throws SQLException {
        execute("INSERT INTO cactus_webhook_endpoints (id, url, filters, enabled, secrets, auth_type, header_style,"
                + " max_in_flight, rate_limit_per_second, updated_at) VALUES ('ep-legacy', 'https://example.com/hook',"
                + " '*', TRUE, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'NONE', 'STANDARD', 4, 0, CURRENT_TIMESTAMP)");
    }

    /** An instant as the dialect binds it (MariaDB: UTC wall-clock time for DATETIME(6)). */
    private Object at(Instant instant) {
        return dialect == JdbcDialect.MARIADB ? java.time.LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private int timeType() {
        return dialect == JdbcDialect.MARIADB ? java.sql.Types.TIMESTAMP : java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
    }

    /** Every row of the V1 tables, V1's columns only, as text, in a stable order. */
    private Map<String, List<Map<String, String>>> snapshotV1Tables() throws SQLException {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        tables.put("messages", rows("SELECT id, event_type, created_at, payload FROM cactus_webhook_messages ORDER BY id"));
        tables.put("deliveries", rows("SELECT * FROM cactus_webhook_deliveries ORDER BY id"));
        tables.put("attempts", rows("SELECT * FROM cactus_webhook_attempts ORDER BY id"));
        tables.put("health", rows("SELECT * FROM cactus_webhook_endpoint_health ORDER BY endpoint_id"));
        assertThat(tables.values()).extracting(List::size).containsExactly(2, 3, 3, 1);
        return tables;
    }

    private List<Map<String, String>> rows(String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    String column = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                    if (column.startsWith("ordering_") && value == null) {
                        continue; // V7's columns, empty on rows stored before it: not a V1 value
                    }
                    if (column.equals("tenant_id") && value == null) {
                        continue; // V10's column, NULL (no tenant) on rows stored before it
                    }
                    row.put(column,
                            value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private void runLegacy(String name) throws SQLException {
        TestDatabases.runLegacySchema(dataSource, dialect, name);
    }

    /** Every run succeeded, and each version was applied by exactly one of them. */
    private void assertOnceEach(List<List<SchemaScript>> runs, Integer... versions) throws SQLException {
        List<Integer> all = new ArrayList<>();
        runs.forEach(run -> all.addAll(versions(run)));
        assertThat(all).as("applied by the nodes together").containsExactlyInAnyOrder(versions);
        assertThat(new HashSet<>(all)).hasSize(versions.length);
        assertThat(history()).extracting(row -> Integer.valueOf(row.get(0))).containsExactly(versions);
    }

    static List<Integer> versions(List<SchemaScript> scripts) {
        return scripts.stream().map(SchemaScript::version).toList();
    }

    private String checksum(int version) {
        SchemaScript script = java.util.Arrays.stream(SchemaComponent.values()).flatMap(c -> c.scripts().stream())
                .filter(s -> s.version() == version).findFirst().orElseThrow();
        return SchemaScript.checksum(script.text(dialect));
    }

    /** version, component, description, script, checksum, baseline; by version. */
    List<List<String>> history() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, component, description, script, checksum, baseline"
                        + " FROM cactus_webhook_schema_history ORDER BY version")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The table names of the current schema, lower case. */
    Set<String> tables() throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = " + dialect.currentSchema())) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    List<String> columns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = ?"
                        + " AND TABLE_SCHEMA = " + dialect.currentSchema() + " ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    String string(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    Instant instant(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return dialect.getInstant(rs, 1);
        }
    }
}
