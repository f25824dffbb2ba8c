package io.cactus.dashboard.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.dashboard.clients.Client;
import io.cactus.dashboard.clients.ClientRequest;
import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.demo.ReceivedWebhook;
import io.cactus.dashboard.demo.ReceivedWebhooks;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The example's wiring as a user copies it: a domain service publishes a plain domain event, the
 * adapter's {@code @PublishAsWebhook} bridge stores it as a webhook in the service's transaction,
 * the dispatcher sends it over real HTTP to the demo receiver (whose filter verifies it), a
 * rolled-back transaction sends nothing, and the overview chart shows what the adapter's
 * Micrometer meters counted.
 *
 * <p>Its own context and H2 file, so that the only endpoint is the demo receiver and every
 * delivery the store holds is one this class caused: the chart's totals can be compared exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReferenceWiringIT {

    private static final String ADMIN_PASSWORD = "wiring-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Path dataDir = Path.of("target", "it-data", "wiring-" + UUID.randomUUID()).toAbsolutePath();
        registry.add("CACTUS_DATA_DIR", dataDir::toString);
        registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    ClientService clients;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ReceivedWebhooks received;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Webhooks webhooks;

    @Autowired
    MeterRegistry meters;

    @Test
    void aDomainEventIsDeliveredAsASignedWebhookToTheDemoReceiver() throws Exception {
        Client client = clients.create(new ClientRequest("Event Ltd", unique("event")));

        String messageId = messageIdOf("client.created", client.email());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receivedValid())
                .as("the demo receiver got it, verified by the filter").contains(messageId));
        JsonNode data = JSON.readTree(webhooks.reader().message(messageId).orElseThrow().body()).get("data");
        assertThat(data.get("id").asLong()).isEqualTo(client.id());
        assertThat(data.get("name").asText()).isEqualTo("Event Ltd");
        await().atMost(PATIENCE).until(() -> webhooks.reader().deliveries(DeliveryQuery.all())
                .stream().filter(d -> d.messageId().equals(messageId))
                .allMatch(d -> d.status() == DeliveryStatus.SUCCEEDED));
    }

    @Test
    void aRolledBackTransactionSendsNothingWhileACommittedOneIsSent() throws Exception {
        Instant start = Instant.now();
        String rolledBack = unique("rolled-back");
        String committed = unique("committed");

        transactions.executeWithoutResult(status -> {
            clients.create(new ClientRequest("Rolled Back Ltd", rolledBack));
            assertThat(messagesFor(rolledBack)).as("stored beside the row, inside the transaction").hasSize(1);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> clients.create(new ClientRequest("Committed Ltd", committed)));

        // the positive control: the committed one is sent, so the dispatcher was running all along
        String controlId = messageIdOf("client.created", committed);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receivedValid()).contains(controlId));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM clients WHERE email = ?", Long.class, rolledBack)).isZero();
        assertThat(messagesFor(rolledBack)).as("no message left to send").isEmpty();
        List<String> sentSinceStart = received.list().stream()
                .filter(r -> r.signatureValid() && !r.receivedAt().isBefore(start))
                .map(ReceivedWebhook::webhookId).toList();
        Set<String> stored = Set.copyOf(jdbc.queryForList("SELECT id FROM cactus_webhook_messages", String.class));
        assertThat(stored).as("every webhook the receiver got is a stored message").containsAll(sentSinceStart);
    }

    @Test
    void theChartShowsWhatTheMicrometerMetersCounted() throws Exception {
        int n = 4;
        long before = succeededInStore();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Client client = clients.create(new ClientRequest("Chart " + i, unique("chart-" + i)));
            ids.add(messageIdOf("client.created", client.email()));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receivedValid()).containsAll(ids));
        PageClient browser = new PageClient(port).logIn("admin", ADMIN_PASSWORD);

        await().atMost(PATIENCE).untilAsserted(() -> {
            long inStore = succeededInStore();
            JsonNode chart = JSON.readTree(browser.get("/overview/chart").body());
            long charted = 0;
            for (JsonNode minute : chart) {
                charted += minute.get("succeeded").asLong();
            }
            assertThat(inStore).as("the deliveries of this test succeeded").isEqualTo(before + n);
            assertThat(successfulAttempts()).as("the adapter's attempt timer counted each").isEqualTo(inStore);
            assertThat(charted).as("the chart shows the timer's count").isEqualTo(inStore);
        });
        JsonNode chart = JSON.readTree(browser.get("/overview/chart").body());
        JsonNode current = chart.get(chart.size() - 1);
        assertThat(current.get("failed").asLong()).isZero();
        assertThat(chart.findValues("meanMillis")).allSatisfy(v -> assertThat(v.asLong()).isNotNegative());
    }

    private long succeededInStore() {
        return webhooks.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED));
    }

    private long successfulAttempts() {
        return meters.find("cactus.webhooks.attempt").tag("outcome", "success").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private Set<String> receivedValid() {
        return received.list().stream().filter(ReceivedWebhook::signatureValid).map(ReceivedWebhook::webhookId)
                .collect(Collectors.toSet());
    }

    private String messageIdOf(String type, String email) {
        List<String> ids = jdbc.query("SELECT id, payload FROM cactus_webhook_messages WHERE event_type = ?",
                        (rs, row) -> Map.entry(rs.getString(1), readTree(rs.getBytes(2))), type).stream()
                .filter(e -> email.equals(e.getValue().path("data").path("email").asText()))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).as("one %s message for %s", type, email).hasSize(1);
        return ids.get(0);
    }

    private List<JsonNode> messagesFor(String email) {
        return jdbc.query("SELECT payload FROM cactus_webhook_messages", (rs, row) -> readTree(rs.getBytes(1))).stream()
                .filter(m -> email.equals(m.path("data").path("email").asText())).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
