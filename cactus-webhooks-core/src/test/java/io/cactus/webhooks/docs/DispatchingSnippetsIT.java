package io.cactus.webhooks.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PayloadTooLargeException;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/dispatching.md's snippets, run: retry policies, the outbox without Spring, the operator's view. */
class DispatchingSnippetsIT {

    @TempDir
    Path dir;

    private final WebhookSecret secret = WebhookSecret.generate();
    private final MockWebServer receiver = new MockWebServer();
    private JdbcDataSource dataSource;
    private Webhooks webhooks;

    @BeforeEach
    void setUp() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("app").toAbsolutePath() + ";WRITE_DELAY=0");
    }

    @AfterEach
    void tearDown() {
        if (webhooks != null) {
            webhooks.close();
        }
        receiver.close();
    }

    private Webhooks webhooks(RetryPolicy retries, int maxPayloadBytes) {
        webhooks = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build())
                .endpoint(Endpoint.builder("orders", "http://127.0.0.1:" + receiver.getPort() + "/hooks")
                        .secret(secret).build())
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .retryPolicy(retries)
                .maxPayloadBytes(maxPayloadBytes)
                .build()
                .start();
        return webhooks;
    }

    private static long delayMillis(RetryPolicy policy, int attempt, int status) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        RetryPolicy.Decision d = policy.decide(attempt, AttemptOutcome.response(status, null, null, Duration.ZERO), now);
        assertThat(d.status()).isEqualTo(DeliveryStatus.RETRYING);
        return Duration.between(now, d.nextAttemptAt()).toMillis();
    }

    @Test
    void retryPoliciesHaveTheAttemptsAndDelaysTheirCommentsSay() {
        RetryPolicy quick = RetrySchedules.quick();
        assertThat(quick.maxAttempts()).isEqualTo(3);
        assertThat(delayMillis(quick, 1, 503)).isBetween(8_000L, 12_000L);
        assertThat(delayMillis(quick, 2, 503)).isBetween(48_000L, 72_000L);
        assertThat(quick.decide(3, AttemptOutcome.response(503, null, null, Duration.ZERO), Instant.now()).status())
                .isEqualTo(DeliveryStatus.DEAD);

        RetryPolicy exponential = RetrySchedules.exponential();
        assertThat(exponential.maxAttempts()).isEqualTo(4);
        assertThat(delayMillis(exponential, 1, 503)).isBetween(800L, 1_200L);

        RetryPolicy strict = RetrySchedules.strict();
        assertThat(strict.maxAttempts()).isEqualTo(2);
        assertThat(delayMillis(strict, 1, 503)).isEqualTo(30_000L);
        assertThat(delayMillis(strict, 1, 429)).isEqualTo(30_000L);
        assertThat(strict.decide(1, AttemptOutcome.response(404, null, null, Duration.ZERO), Instant.now()).status())
                .isEqualTo(DeliveryStatus.DEAD);
    }

    @Test
    void outboxCommitsTheOrderWithItsWebhookAndRollsBackBoth() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total VARCHAR(2000))");
        }
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        OrderOutbox outbox = new OrderOutbox(dataSource, webhooks(RetryPolicy.defaults(), 1024));

        outbox.placeOrder(1, "9.90");

        RecordedRequest request = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        String body = request.getBody().string(UTF_8);
        assertThat(body).contains("\"type\":\"order.created\"").contains("\"orderId\":1");
        WebhookVerifier.of(secret).verify(body, WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap()));
        assertThat(orders()).containsExactly(1L);

        // the webhook fails (too large): the order is rolled back with it
        assertThatThrownBy(() -> outbox.placeOrder(2, "x".repeat(1500))).isInstanceOf(PayloadTooLargeException.class);
        // the order fails (duplicate key): no webhook is stored
        assertThatThrownBy(() -> outbox.placeOrder(1, "1.00")).isInstanceOf(SQLException.class);

        assertThat(orders()).containsExactly(1L);
        assertThat(webhooks.reader().count(DeliveryQuery.all())).isEqualTo(1);
    }

    @Test
    void operatorSeesWhatDiedWithEveryAttemptAndReplaysIt() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(500).body("down").build());
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        Instant before = Instant.now().minusSeconds(1);
        Webhooks w = webhooks(RetryPolicy.builder().schedule(List.of()).build(), 1024); // one attempt only
        FailedDeliveries operator = new FailedDeliveries(w);
        String messageId = w.publisher().publish(io.cactus.webhooks.EventType.of("order.created"), java.util.Map.of("orderId", 3))
                .messageId();

        await().atMost(Duration.ofSeconds(30)).until(() -> !operator.report("orders").isEmpty());
        assertThat(operator.report("orders")).singleElement().asString()
                .contains("order.created").contains(messageId).endsWith(": [HTTP 500]");
        assertThat(operator.backlog().pending()).isZero();

        assertThat(operator.replay("orders", before)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> w.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED)) == 1);
        assertThat(receiver.getRequestCount()).isEqualTo(2);
        assertThat(operator.report("orders")).isEmpty();
        assertThat(operator.purge()).isZero(); // it succeeded just now, not 30 days ago
    }

    private List<Long> orders() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }
}
