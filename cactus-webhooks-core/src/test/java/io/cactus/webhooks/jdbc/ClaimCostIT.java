package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claim cost must not grow with history: with 80,000 finished deliveries kept, the claim queries
 * and the backlog read about as many rows as with none. H2 tells how many rows a statement read
 * ({@code EXPLAIN ANALYZE}'s {@code scanCount}); on PostgreSQL the plan must walk a partial
 * due-time index, not the table, and touch a few pages where a walk of the table touches hundreds.
 */
class ClaimCostIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClaimCostIT.class);

    static final int FINISHED = 80_000;
    static final int PENDING = 5;
    static final String H2_SERIES = "SYSTEM_RANGE(1, " + FINISHED + ") AS t(n)";
    static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @TempDir
    Path dir;

    /** After every due time the test writes (the store stamps them with the system clock). */
    private final Instant now = Instant.now().plus(Duration.ofHours(1));

    @ParameterizedTest(name = "H2{0}")
    @ValueSource(strings = {"", ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"})
    void h2ClaimAndBacklogReadNoFinishedRows(String options) throws SQLException {
        DataSource ds = TestDatabases.h2File(dir, options);
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueuePending(store);

        Map<String, Long> withoutHistory = h2ScanCounts(ds);
        keepFinished(ds, H2_SERIES);
        Map<String, Long> withHistory = h2ScanCounts(ds);

        log.info("H2{} scanCount with 0 finished: {}; with {} finished: {}", options, withoutHistory, FINISHED, withHistory);
        assertThat(withoutHistory).allSatisfy((query, rows) -> assertThat(rows).isLessThanOrEqualTo(PENDING + 2));
        assertThat(withHistory).allSatisfy((query, rows) -> assertThat(rows).as(query)
                .isLessThanOrEqualTo(withoutHistory.get(query) + 2));
        assertThat(store.backlog().pending()).isEqualTo(PENDING);
        assertThat(store.claim(request(Set.of()))).hasSize(PENDING);
    }

    @Test
    void postgresClaimAndBacklogWalkThePartialDueTimeIndex() throws SQLException {
        DataSource ds = TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueuePending(store);
        keepFinished(ds, "generate_series(1, " + FINISHED + ") AS t(n)");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }

        for (Map.Entry<String, String> plan : postgresPlans(ds).entrySet()) {
            log.info("PostgreSQL plan of {}:\n{}", plan.getKey(), plan.getValue());
            // Either partial due-time index will do: both hold only the rows with a due time (the 5
            // pending), and with a table this small the planner's choice between them is a tie.
            assertThat(plan.getValue()).as(plan.getKey()).containsAnyOf(
                    "using cactus_webhook_deliveries_due_at_idx", "using cactus_webhook_deliveries_endpoint_id_due_at_idx")
                    .doesNotContain("Seq Scan");
            assertThat(executionBuffers(plan.getValue())).as(plan.getKey() + ": pages read, of a table of "
                    + FINISHED + " finished rows").isLessThanOrEqualTo(MAX_PAGES);
        }
        // positive control: the same page count on a walk of the table reads the finished history
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT COUNT(*) FROM cactus_webhook_deliveries"
                        + " WHERE status = 'SUCCEEDED'")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertThat(executionBuffers(plan.toString())).as("a walk of the finished rows").isGreaterThan(MAX_PAGES);
        }
        assertThat(store.backlog().pending()).isEqualTo(PENDING);
        assertThat(store.claim(request(Set.of()))).hasSize(PENDING);
    }

    /** 20,000 due deliveries of ep-0 (a backlog), oldest first; then one due of ep-1, the newest. */
    private void keepBacklog(DataSource ds, String series) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                PreparedStatement messages = c.prepareStatement("INSERT INTO cactus_webhook_messages (id, event_type,"
                        + " created_at, payload) SELECT 'msg_b' || CAST(n AS VARCHAR(10)), 'backlog.kept',"
                        + " CURRENT_TIMESTAMP, ? FROM " + series)) {
            messages.setBytes(1, "{}".getBytes(StandardCharsets.UTF_8));
            messages.executeUpdate();
            s.executeUpdate("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts, due_at,"
                    + " created_at) SELECT 'dlv_b' || id, id, 'ep-0', 'PENDING', 0, TIMESTAMP '2001-01-01 00:00:00',"
                    + " created_at FROM cactus_webhook_messages WHERE event_type = 'backlog.kept'");
        }
    }

    /** The claims by endpoint with a backlog on ep-0: the fresh-first pass of ep-0 and ep-1's oldest due. */
    private Map<String, StatementSetup> byEndpointStatements() {
        Map<String, StatementSetup> result = new LinkedHashMap<>();
        ClaimRequest r = request(Set.of());
        result.put("fresh first of the backlog's endpoint", new StatementSetup(DeliveryClaims.candidatesFresh(), ps -> {
            Jdbc.setInstant(ps, 1, DeliveryClaims.EARLIEST_DUE);
            Jdbc.setInstant(ps, 2, r.now());
            ps.setString(3, "ep-0");
            ps.setInt(4, 5);
        }));
        result.put("by endpoint, the other endpoint and the backlog's", new StatementSetup(
                DeliveryClaims.candidatesByEndpoint(2), ps -> {
                    int i = 1;
                    for (String endpoint : List.of("ep-1", "ep-0")) {
                        Jdbc.setInstant(ps, i++, DeliveryClaims.EARLIEST_DUE);
                        Jdbc.setInstant(ps, i++, r.now());
                        ps.setString(i++, endpoint);
                        ps.setInt(i++, 5);
                    }
                }));
        return result;
    }

    @Test
    void h2ClaimsByEndpointReadTheirEndpointsDueRangeInIndexOrderNotTheBacklog() throws SQLException {
        DataSource ds = TestDatabases.h2File(dir, "");
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueuePending(store);
        keepBacklog(ds, "SYSTEM_RANGE(1, 20000) AS t(n)");
        for (Map.Entry<String, String> plan : explain(ds, "EXPLAIN ANALYZE ", byEndpointStatements()).entrySet()) {
            log.info("H2 plan of {}:\n{}", plan.getKey(), plan.getValue());
            Matcher m = SCAN_COUNT.matcher(plan.getValue());
            long total = 0;
            while (m.find()) {
                total += Long.parseLong(m.group(1));
            }
            assertThat(plan.getValue()).as(plan.getKey()).contains("CACTUS_WEBHOOK_DELIVERIES_ENDPOINT_ID_DUE_AT_IDX")
                    .contains("index sorted");
            assertThat(total).as(plan.getKey() + ": rows read").isLessThan(100);
        }
        Map<String, Integer> quotas = new LinkedHashMap<>();
        quotas.put("ep-1", 5);
        quotas.put("ep-0", 5);
        assertThat(store.claim(new ClaimRequest("node-1", 10, now, now.plus(Duration.ofMinutes(1)), Set.of(),
                Set.of("ep-0"), 2, quotas))).extracting(c -> c.endpointId()).contains("ep-1", "ep-0");
    }

    @Test
    void postgresClaimsByEndpointWalkTheEndpointAndDueTimeIndex() throws SQLException {
        DataSource ds = TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueuePending(store);
        keepBacklog(ds, "generate_series(1, 20000) AS t(n)");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        for (Map.Entry<String, String> plan : explain(ds, "EXPLAIN (ANALYZE, BUFFERS) ", byEndpointStatements())
                .entrySet()) {
            log.info("PostgreSQL plan of {}:\n{}", plan.getKey(), plan.getValue());
            // The fresh-first pass may walk either index backwards (PostgreSQL locks in one statement,
            // selectFresh, and reads the due-time index backwards); never a scan or a sort.
            assertThat(plan.getValue()).as(plan.getKey()).contains("Index Scan").doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
            if (plan.getKey().startsWith("by endpoint")) {
                assertThat(plan.getValue()).contains("cactus_webhook_deliveries_endpoint_id_due_at_idx");
            }
        }
        assertThat(store.claim(new ClaimRequest("node-1", 10, now, now.plus(Duration.ofMinutes(1)), Set.of(),
                Set.of("ep-0"), 2, Map.of("ep-1", 5, "ep-0", 5)))).extracting(c -> c.endpointId())
                .contains("ep-1", "ep-0");
    }

    private void enqueuePending(JdbcDeliveryStore store) {
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < PENDING; i++) {
            endpoints.add("ep-" + i);
        }
        store.enqueue(List.of(new OutboundMessage(message("client.created"), endpoints)));
    }

    /** 80,000 messages, each with one SUCCEEDED delivery (due_at NULL), written in two statements. */
    private void keepFinished(DataSource ds, String series) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                PreparedStatement insertMessages = c.prepareStatement("INSERT INTO cactus_webhook_messages (id,"
                        + " event_type, created_at, payload) SELECT 'msg_h' || CAST(n AS VARCHAR(10)), 'history.kept',"
                        + " CURRENT_TIMESTAMP, ? FROM " + series)) {
            insertMessages.setBytes(1, "{}".getBytes(StandardCharsets.UTF_8));
            int messages = insertMessages.executeUpdate();
            int deliveries = s.executeUpdate("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id,"
                    + " status, attempts, due_at, created_at, finished_at) SELECT 'dlv_h' || id, id, 'ep-0', 'SUCCEEDED',"
                    + " 1, NULL, created_at, created_at FROM cactus_webhook_messages WHERE event_type = 'history.kept'");
            assertThat(messages).isEqualTo(FINISHED);
            assertThat(deliveries).isEqualTo(FINISHED);
        }
    }

    private WebhookMessage message(String type) {
        return new WebhookMessage(MessageId.generate(), EventType.of(type), now, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private ClaimRequest request(Set<String> excluded) {
        return new ClaimRequest("node-1", 10, now, now.plus(Duration.ofMinutes(1)), excluded);
    }

    /** The store's claim and backlog statements, each with its parameters bound as the store binds them. */
    private Map<String, StatementSetup> statements() {
        Map<String, StatementSetup> result = new LinkedHashMap<>();
        for (Set<String> excluded : List.of(Set.<String>of(), Set.of("ep-1"))) {
            ClaimRequest r = request(excluded);
            String suffix = excluded.isEmpty() ? "" : " excluding one endpoint";
            result.put("candidates" + suffix, new StatementSetup(DeliveryClaims.candidates(excluded.size()),
                    ps -> DeliveryClaims.bindDue(ps, r, JdbcDialect.H2)));
            result.put("select for update" + suffix, new StatementSetup(DeliveryClaims.select(excluded.size()),
                    ps -> DeliveryClaims.bindDue(ps, r, JdbcDialect.H2)));
        }
        result.put("backlog", new StatementSetup(DeliverySql.BACKLOG,
                ps -> {
                    Jdbc.setInstant(ps, 1, DeliveryClaims.EARLIEST_DUE);
                    Jdbc.setInstant(ps, 2, DeliveryClaims.LATEST_DUE);
                }));
        return result;
    }

    private Map<String, Long> h2ScanCounts(DataSource ds) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> plan : explain(ds, "EXPLAIN ANALYZE ").entrySet()) {
            Matcher m = SCAN_COUNT.matcher(plan.getValue());
            long total = 0;
            while (m.find()) {
                total += Long.parseLong(m.group(1));
            }
            assertThat(plan.getValue()).as("a plan with a scan count").contains("scanCount");
            counts.put(plan.getKey(), total);
        }
        return counts;
    }

    /** At most this many pages for a claim or backlog statement: the 5 pending rows and the index. */
    static final int MAX_PAGES = 50;

    static final Pattern BUFFERS = Pattern.compile("(?:hit|read|dirtied|written)=(\\d+)");

    /**
     * The pages the statement's execution touched: the first {@code Buffers:} line, the plan's root
     * node, whose counts include its children's.
     */
    static long executionBuffers(String plan) {
        String root = plan.lines().filter(l -> l.trim().startsWith("Buffers:")).findFirst()
                .orElseThrow(() -> new AssertionError("no Buffers line in the plan:\n" + plan));
        Matcher m = BUFFERS.matcher(root);
        long pages = 0;
        while (m.find()) {
            pages += Long.parseLong(m.group(1));
        }
        return pages;
    }

    private Map<String, String> postgresPlans(DataSource ds) throws SQLException {
        return explain(ds, "EXPLAIN (ANALYZE, BUFFERS) ");
    }

    private Map<String, String> explain(DataSource ds, String prefix) throws SQLException {
        return explain(ds, prefix, statements());
    }

    private Map<String, String> explain(DataSource ds, String prefix, Map<String, StatementSetup> statements)
            throws SQLException {
        Map<String, String> plans = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (Map.Entry<String, StatementSetup> e : statements.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement(prefix + e.getValue().sql())) {
                    e.getValue().binder().bind(ps);
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    plans.put(e.getKey(), plan.toString());
                }
            }
        }
        return plans;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    record StatementSetup(String sql, Binder binder) {
    }
}
