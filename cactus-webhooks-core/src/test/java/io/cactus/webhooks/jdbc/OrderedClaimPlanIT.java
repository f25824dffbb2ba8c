package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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

/**
 * The ordered claim's cost (issue 14): the claim's extra condition, "no earlier unfinished delivery
 * of the same endpoint and key", must read the key's open deliveries through
 * {@code cactus_webhook_deliveries_ordering_key_idx}, never the key's finished history. With
 * {@value #FINISHED} finished ordered deliveries of the same keys kept (earlier places), the claim
 * statements read about as many rows on H2 as with none ({@code EXPLAIN ANALYZE}'s scan counts);
 * on PostgreSQL and MariaDB the plans use the ordering index and scan no table. Each database also
 * claims what the rule allows: the heads of the keys, not the deliveries waiting behind them.
 */
class OrderedClaimPlanIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrderedClaimPlanIT.class);

    static final int FINISHED = 40_000;
    static final int KEYS = 5;
    static final String INDEX = "cactus_webhook_deliveries_ordering_key_idx";
    static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @TempDir
    Path dir;

    /** After every due time the test writes (the store stamps them with the system clock). */
    private final Instant now = Instant.now().plus(Duration.ofHours(1));

    @Test
    void h2OrderedClaimReadsNoFinishedHistoryOfTheKeys() throws SQLException {
        DataSource ds = TestDatabases.h2File(dir, "");
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueueTwoPerKey(store);

        Map<String, Long> withoutHistory = h2ScanCounts(ds);
        keepFinished(ds, "SYSTEM_RANGE(1, " + FINISHED + ") AS t(n)", "n", "CAST(n AS VARCHAR(10))", "MOD(n, " + KEYS + ")");
        Map<String, Long> withHistory = h2ScanCounts(ds);

        log.info("H2 ordered claim scanCount with 0 finished: {}; with {} finished: {}", withoutHistory, FINISHED,
                withHistory);
        assertThat(withHistory).allSatisfy((query, rows) -> assertThat(rows).as(query)
                .isLessThanOrEqualTo(withoutHistory.get(query) + 2 * KEYS));
        assertClaimsTheHeadsOnly(store);
    }

    @Test
    void postgresOrderedClaimUsesTheOrderingIndex() throws SQLException {
        DataSource ds = TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueueTwoPerKey(store);
        keepFinished(ds, "generate_series(1, " + FINISHED + ") AS t(n)", "n", "CAST(n AS VARCHAR(10))", "n % " + KEYS);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        for (Map.Entry<String, String> plan : plans(ds, JdbcDialect.POSTGRESQL, "EXPLAIN (ANALYZE, BUFFERS) ").entrySet()) {
            log.info("PostgreSQL plan of {}:\n{}", plan.getKey(), plan.getValue());
            assertThat(plan.getValue()).as(plan.getKey()).contains(INDEX).doesNotContain("Seq Scan");
        }
        assertClaimsTheHeadsOnly(store);
    }

    @Test
    void mariaDbOrderedClaimUsesTheOrderingIndex() throws SQLException {
        DataSource ds = MariaDbServer.newDataSource();
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        enqueueTwoPerKey(store);
        keepFinished(ds, "seq_1_to_" + FINISHED + " AS t", "seq", "CAST(seq AS CHAR)", "MOD(seq, " + KEYS + ")");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE cactus_webhook_messages, cactus_webhook_deliveries");
        }
        for (Map.Entry<String, String> plan : plans(ds, JdbcDialect.MARIADB, "EXPLAIN ").entrySet()) {
            log.info("MariaDB plan of {}:\n{}", plan.getKey(), plan.getValue());
            assertThat(plan.getValue()).as(plan.getKey()).contains("key=" + INDEX).doesNotContain("type=ALL");
        }
        assertClaimsTheHeadsOnly(store);
    }

    /** Two deliveries per key to the ordered endpoint "ordered": places 1 (the heads) and 2. */
    private void enqueueTwoPerKey(JdbcDeliveryStore store) {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < KEYS; k++) {
                WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of("client.updated"), now,
                        "{}".getBytes(StandardCharsets.UTF_8));
                batch.add(new OutboundMessage(m, List.of("ordered"), "k" + k, Set.of("ordered")));
            }
        }
        store.enqueue(batch);
    }

    /**
     * {@value #FINISHED} messages, each with one SUCCEEDED ordered delivery of key {@code k<n mod 5>}
     * to "ordered", at places before the open ones (zero and below), written in two statements.
     */
    private void keepFinished(DataSource ds, String series, String n, String idOfN, String keyOfN) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                PreparedStatement insertMessages = c.prepareStatement("INSERT INTO cactus_webhook_messages (id,"
                        + " event_type, created_at, payload) SELECT CONCAT('msg_h', " + idOfN + "), 'history.kept',"
                        + " CURRENT_TIMESTAMP, ? FROM " + series)) {
            insertMessages.setBytes(1, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(insertMessages.executeUpdate()).isEqualTo(FINISHED);
            int deliveries = s.executeUpdate("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id,"
                    + " status, attempts, due_at, created_at, finished_at, ordering_key, ordering_seq)"
                    + " SELECT CONCAT('dlv_h', " + idOfN + "), CONCAT('msg_h', " + idOfN + "), 'ordered', 'SUCCEEDED', 1,"
                    + " NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CONCAT('k', " + keyOfN + "), -" + n
                    + " FROM " + series);
            assertThat(deliveries).isEqualTo(FINISHED);
        }
    }

    private void assertClaimsTheHeadsOnly(JdbcDeliveryStore store) {
        List<ClaimedDelivery> claimed = store.claim(request(Set.of()));
        assertThat(claimed).as("one per key: the heads").hasSize(KEYS);
        assertThat(claimed).extracting(ClaimedDelivery::orderingKey).doesNotHaveDuplicates();
        assertThat(store.claim(request(Set.of()))).as("the second of each key waits for its head").isEmpty();
    }

    private ClaimRequest request(Set<String> excluded) {
        return new ClaimRequest("node-1", 100, now, now.plus(Duration.ofMinutes(1)), excluded);
    }

    /** The claim statements (as each dialect runs them), with their parameters bound as the store binds them. */
    private Map<String, ClaimCostIT.StatementSetup> statements(JdbcDialect dialect, List<String> candidateIds) {
        Map<String, ClaimCostIT.StatementSetup> result = new LinkedHashMap<>();
        for (Set<String> excluded : List.of(Set.<String>of(), Set.of("plain"))) {
            ClaimRequest r = request(excluded);
            String suffix = excluded.isEmpty() ? "" : " excluding one endpoint";
            result.put("candidates" + suffix, new ClaimCostIT.StatementSetup(DeliveryClaims.candidates(excluded.size()),
                    ps -> DeliveryClaims.bindDue(ps, r, dialect)));
            if (dialect != JdbcDialect.H2) {
                result.put("select for update" + suffix, new ClaimCostIT.StatementSetup(
                        DeliveryClaims.select(excluded.size(), dialect), ps -> DeliveryClaims.bindDue(ps, r, dialect)));
            }
        }
        if (!candidateIds.isEmpty()) {
            result.put("lock by ids", new ClaimCostIT.StatementSetup(DeliveryClaims.lockByIds(candidateIds.size()), ps -> {
                int i = 1;
                for (String id : candidateIds) {
                    ps.setString(i++, id);
                }
                dialect.setInstant(ps, i, now);
            }));
        }
        return result;
    }

    private Map<String, Long> h2ScanCounts(DataSource ds) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> plan : plans(ds, JdbcDialect.H2, "EXPLAIN ANALYZE ").entrySet()) {
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

    /** Every statement's plan; H2's second step locks the ids its first step found. */
    private Map<String, String> plans(DataSource ds, JdbcDialect dialect, String prefix) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (dialect == JdbcDialect.H2) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DeliveryClaims.candidates(0))) {
                DeliveryClaims.bindDue(ps, request(Set.of()), dialect);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
        }
        Map<String, String> plans = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (Map.Entry<String, ClaimCostIT.StatementSetup> e : statements(dialect, ids).entrySet()) {
                try (PreparedStatement ps = c.prepareStatement(prefix + e.getValue().sql())) {
                    e.getValue().binder().bind(ps);
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            if (dialect == JdbcDialect.MARIADB) {
                                for (int i = 1; i <= meta.getColumnCount(); i++) {
                                    plan.append(i == 1 ? "" : " ").append(meta.getColumnLabel(i)).append('=')
                                            .append(rs.getString(i));
                                }
                            } else {
                                plan.append(rs.getString(1));
                            }
                            plan.append('\n');
                        }
                    }
                    plans.put(e.getKey(), plan.toString());
                }
            }
        }
        return plans;
    }
}
