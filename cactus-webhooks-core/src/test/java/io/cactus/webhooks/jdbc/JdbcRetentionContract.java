package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.store.RetentionContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on a database: the store contract's retention cases on two nodes with their own
 * DataSources, plus what only a database shows: a purge in batches beside live claims, and the
 * query plans of the purge.
 */
abstract class JdbcRetentionContract extends RetentionContract {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();

    DataSource dataSource;
    /** Keeps an H2 file database open between the store's connections, as a pool would. */
    private Connection keepOpen;
    private MockWebServer receiver;

    /** A fresh, empty database for one test. */
    abstract DataSource newDataSource() throws Exception;

    /** Another DataSource on the database of the last {@link #newDataSource()}: a second node's. */
    abstract DataSource sameDatabase();

    /** Whether the plan of a statement on this database reads a whole table. */
    abstract boolean readsAWholeTable(String plan);

    /** Whether the plan sorts the rows it read, rather than reading them in an index's order. */
    abstract boolean sortsRows(String plan);

    /** Makes the planner choose an index wherever one can serve (PostgreSQL would scan tiny tables). */
    void preferIndexes(Statement s) throws SQLException {
    }

    @Override
    protected DeliveryStore newStore(Clock clock) throws Exception {
        dataSource = newDataSource();
        keepOpen = dataSource.getConnection();
        return JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(clock).build();
    }

    @Override
    protected DeliveryStore secondNode(Clock clock) {
        return JdbcDeliveryStore.builder(sameDatabase()).clock(clock).build();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        if (receiver != null) {
            receiver.close();
        }
        keepOpen.close();
    }

    @Test
    void aPurgeInBatchesBesideLiveClaimsLosesNothingAndBlocksNothing() throws Exception {
        int history = 12_000;
        for (int i = 0; i < history / 10; i += 100) {
            List<OutboundMessage> batch = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                batch.add(new OutboundMessage(new io.cactus.webhooks.WebhookMessage(io.cactus.webhooks.MessageId.generate(),
                        io.cactus.webhooks.EventType.of("client.created"), clock.instant(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        List.of("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9")));
            }
            store.enqueue(batch);
        }
        while (!finishAll(DeliveryStatus.SUCCEEDED).isEmpty()) {
            // claims of up to 10,000 at a time
        }
        assertThat(store.count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED))).isEqualTo(history);
        clock.advance(Duration.ofDays(8));

        WebhookSecret secret = WebhookSecret.generate();
        Map<String, AtomicInteger> received = startReceiver(secret);
        Webhooks sender = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(sameDatabase()).clock(clock).build())
                .endpoint(Endpoint.builder("receiver", receiver.url("/hook").toString()).secret(secret).build())
                .networkPolicy(LOOPBACK).clock(clock).nodeId("sender").retention(RetentionPolicy.disabled())
                .shutdownTimeout(Duration.ofSeconds(5)).build();
        Webhooks purger = node(store, "purger", POLICY.toBuilder().batchSize(500).build());
        List<WebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(WebhookEvent.of("notification.sent", Map.of("n", i)));
        }
        sender.publisher().publishAll(events);

        try {
            sender.start();
            CompletableFuture<RetentionReport> purge = CompletableFuture.supplyAsync(purger.admin()::runRetention);

            RetentionReport report = purge.get(120, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> received.size() == 400);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sender.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED)) == 400);

            assertThat(report.deliveries()).containsEntry(DeliveryStatus.SUCCEEDED, (long) history);
            assertThat(report.batches()).as("24 batches of 500, then one that finds fewer, and five more")
                    .isEqualTo(history / 500 + 1 + 5);
            assertThat(received.values()).as("every pending delivery delivered once").allMatch(n -> n.get() == 1);
            assertThat(store.count(DeliveryQuery.all())).as("only the new ones are left").isEqualTo(400);
            assertThat(rows("cactus_webhook_attempts")).isEqualTo(400);
            assertThat(rows("cactus_webhook_messages")).isEqualTo(400);
        } finally {
            sender.close();
        }
    }

    private Map<String, AtomicInteger> startReceiver(WebhookSecret secret) throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        WebhookVerifier verifier = WebhookVerifier.builder().secret(secret).clock(clock).build();
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String id = verifier.verify(request.getBody().toByteArray(),
                        WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap())).id();
                received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                return new MockResponse.Builder().code(200).build();
            }
        });
        receiver.start();
        return received;
    }

    @Test
    void thePurgeQueriesReadIndexesNotWholeTables() throws SQLException {
        enqueue("ep-a");
        finishAll(DeliveryStatus.SUCCEEDED);
        enqueue();
        Instant t = clock.instant();
        List<String> plans = new ArrayList<>();
        List<String> pickingPlans;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            preferIndexes(s);
            JdbcDialect dialect = Jdbc.detect(dataSource);
            plans.add(plan(c, DeliveryRetention.query(DeliveryRetention.FINISHED_CANDIDATES, dialect), "SUCCEEDED", DeliveryClaims.EARLIEST_DUE, t, 500));
            plans.add(plan(c, DeliveryRetention.query(DeliveryRetention.OLDEST_FINISHED, dialect), "DEAD", DeliveryClaims.EARLIEST_DUE));
            plans.add(plan(c, DeliveryRetention.query(DeliveryRetention.EXPUNGE_CANDIDATES, dialect),
                    DeliveryClaims.EARLIEST_DUE, t, t, 500));
            plans.add(plan(c, DeliveryRetention.query(DeliveryRetention.UNREFERENCED_CANDIDATES, dialect),
                    DeliveryClaims.EARLIEST_DUE, t, 500));
            pickingPlans = List.copyOf(plans);
            plans.add(plan(c, "DELETE FROM cactus_webhook_attempts WHERE delivery_id IN (?, ?)", "dlv_1", "dlv_2"));
            plans.add(plan(c, "DELETE FROM cactus_webhook_messages WHERE id IN (?, ?) AND NOT EXISTS (SELECT 1"
                    + " FROM cactus_webhook_deliveries d WHERE d.message_id = cactus_webhook_messages.id)", "m1", "m2"));
        }
        org.slf4j.LoggerFactory.getLogger(getClass()).info("Purge plans:\n{}", String.join("\n---\n", plans));
        assertThat(plans).noneMatch(this::readsAWholeTable);
        // a batch's cost must be the batch's: the picks read their index in order and stop at the
        // limit, rather than sort every row before the bound (H2 did, with ORDER BY finished_at)
        assertThat(pickingPlans).noneMatch(this::sortsRows);
    }

    /** One row of {@code EXPLAIN}'s answer as text: its first column, where H2 and PostgreSQL put the plan. */
    String planRow(ResultSet rs) throws SQLException {
        return rs.getString(1);
    }

    private String plan(Connection c, String sql, Object... params) throws SQLException {
        JdbcDialect dialect = Jdbc.detect(dataSource);
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant instant) {
                    dialect.setInstant(ps, i + 1, instant);
                } else if (params[i] instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) params[i]);
                }
            }
            StringBuilder text = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    text.append(planRow(rs)).append('\n');
                }
            }
            return text.toString();
        }
    }

    long rows(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
