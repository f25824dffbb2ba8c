package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Spring adapter end to end on an H2 file database: transactional outbox, application events,
 * metrics, health and the Actuator endpoint, against a MockWebServer receiver.
 */
@SpringBootTest(classes = OutboxIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cactus.webhooks.security.allow-private-networks=true",
        "cactus.webhooks.retry.max-attempts=1",
        // no polling to speak of: a delivery is only sent promptly if the dispatcher is woken after commit
        "cactus.webhooks.dispatcher.poll-interval=1h",
        "management.endpoints.web.exposure.include=health,webhooks",
        "management.endpoint.health.show-details=always" })
class OutboxIT {

    static final String SECRET = WebhookSecret.generate().encoded();
    static final ConcurrentLinkedQueue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
    static final MockWebServer server = startServer();

    private static MockWebServer startServer() {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                int code = request.getTarget().startsWith("/fail") ? 500 : 200;
                return new MockResponse.Builder().code(code).body(code == 200 ? "ok" : "down").build();
            }
        });
        try {
            s.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cactus.webhooks.jdbc.initialize-schema", () -> "always"); // a file database is not embedded
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/h2/outbox-" + UUID.randomUUID());
        registry.add("cactus.webhooks.secret", () -> SECRET);
        registry.add("cactus.webhooks.endpoints[0].name", () -> "crm");
        registry.add("cactus.webhooks.endpoints[0].url", () -> server.url("/ok").toString());
        registry.add("cactus.webhooks.endpoints[0].events", () -> "client.*");
        registry.add("cactus.webhooks.endpoints[1].name", () -> "broken");
        registry.add("cactus.webhooks.endpoints[1].url", () -> server.url("/fail").toString());
        registry.add("cactus.webhooks.endpoints[1].events", () -> "portfolio.*");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Autowired
    ClientService service;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Webhooks webhooks;

    @Autowired
    WebhookPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebhooksHealthIndicator health;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void table() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS clients (name VARCHAR(100) PRIMARY KEY)");
    }

    @Test
    void injectedPublisherIsTheTransactionalOne() {
        assertThat(publisher).isInstanceOf(SpringWebhookPublisher.class);
    }

    @Test
    void rolledBackPublishStoresNothingAndSendsNothing() {
        String name = "rollback-" + UUID.randomUUID();

        assertThatThrownBy(() -> service.create(name, true)).hasMessage("boom");

        String id = service.lastMessageId();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM clients WHERE name = ?", Long.class, name)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cactus_webhook_messages WHERE id = ?", Long.class, id))
                .isZero();
        webhooks.wake();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> request(id).isEmpty());
    }

    @Test
    void committedPublishIsDeliveredAfterCommitWithAValidSignature() throws Exception {
        String name = "commit-" + UUID.randomUUID();

        String id = service.create(name, false);

        RecordedRequest request = await().atMost(Duration.ofSeconds(10)).until(() -> request(id), Optional::isPresent)
                .orElseThrow();
        String body = request.getBody().string(StandardCharsets.UTF_8);
        assertThat(body).contains(name).contains("\"type\":\"client.created\"");
        new com.standardwebhooks.Webhook(SECRET).verify(body, request.getHeaders().toMultimap());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM clients WHERE name = ?", Long.class, name)).isOne();
    }

    @Test
    void annotatedApplicationEventBecomesAWebhookInsideTheTransaction() {
        String kept = "event-" + UUID.randomUUID();
        String dropped = "event-rollback-" + UUID.randomUUID();

        service.createViaEvent(kept, false);
        assertThatThrownBy(() -> service.createViaEvent(dropped, true)).hasMessage("boom");

        await().atMost(Duration.ofSeconds(10)).until(() -> requestWithBody(kept).isPresent());
        webhooks.wake();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> requestWithBody(dropped).isEmpty());
    }

    @Test
    void metricsHealthAndEndpointReportSuccessesAndFailures() throws Exception {
        String ok = publisher.publish(WebhookEvent.of("client.updated", Map.of("n", 1))).messageId();
        String bad = publisher.publish(WebhookEvent.of("portfolio.created", Map.of("n", 2))).messageId();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(ok) == DeliveryStatus.SUCCEEDED
                && status(bad) == DeliveryStatus.DEAD);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.get("cactus.webhooks.deliveries").tags("outcome", "succeeded", "endpoint", "crm",
                    "event.type", "client.updated").counter().count()).isEqualTo(1);
            assertThat(meters.get("cactus.webhooks.deliveries").tags("outcome", "dead", "endpoint", "broken").counter()
                    .count()).isGreaterThanOrEqualTo(1);
        });
        assertThat(meters.get("cactus.webhooks.attempts").tags("outcome", "failure", "status", "500").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("cactus.webhooks.backlog").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(meters.get("cactus.webhooks.backlog.oldest.age").timeGauge()).isNotNull();
        assertThat(meters.get("cactus.webhooks.endpoints").tags("state", "disabled").gauge().value()).isZero();

        Health h = health.health(true);
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("dispatcher", "running").containsKey("failingEndpoints");
        assertThat(((Map<?, ?>) h.getDetails().get("failingEndpoints")).containsKey("broken")).isTrue();
        JsonNode healthJson = get("/actuator/health");
        assertThat(healthJson.at("/components/webhooks/status").asText()).isEqualTo("UP");

        JsonNode overview = get("/actuator/webhooks?endpoint=broken&status=dead");
        assertThat(overview.at("/running").asBoolean()).isTrue();
        JsonNode dead = findDelivery(overview, bad);
        assertThat(dead.at("/attempts/0/statusCode").asInt()).isEqualTo(500);
        String deliveryId = dead.at("/delivery/id").asText();
        assertThat(get("/actuator/webhooks/" + deliveryId).at("/delivery/status").asText()).isEqualTo("DEAD");

        long before = received.stream().filter(r -> bad.equals(r.getHeaders().get("webhook-id"))).count();
        JsonNode redelivered = post("/actuator/webhooks/" + deliveryId, "");
        assertThat(redelivered.at("/redelivered").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                .filter(r -> bad.equals(r.getHeaders().get("webhook-id"))).count() > before);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(bad) == DeliveryStatus.DEAD);

        JsonNode replayed = post("/actuator/webhooks", "{\"replayEndpoint\":\"broken\"}");
        assertThat(replayed.at("/redelivered").asInt()).isGreaterThanOrEqualTo(1);
    }

    private JsonNode findDelivery(JsonNode overview, String messageId) {
        for (JsonNode d : overview.at("/deliveries")) {
            if (messageId.equals(d.at("/delivery/messageId").asText())) {
                return d;
            }
        }
        throw new AssertionError("no delivery of " + messageId + " in " + overview);
    }

    private DeliveryStatus status(String messageId) {
        return webhooks.reader().deliveries(DeliveryQuery.all().page(0, 1000)).stream()
                .filter(d -> d.messageId().equals(messageId)).map(d -> d.status()).findFirst().orElse(null);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static Optional<RecordedRequest> request(String messageId) {
        return received.stream().filter(r -> messageId.equals(r.getHeaders().get("webhook-id"))).findFirst();
    }

    private static Optional<RecordedRequest> requestWithBody(String text) {
        return received.stream().filter(r -> r.getBody() != null && r.getBody().string(StandardCharsets.UTF_8)
                .contains(text)).findFirst();
    }

    @PublishAsWebhook("client.created")
    public record ClientCreated(String name) {
    }

    /** A business service as an application would write it. */
    public static class ClientService {
        private final JdbcTemplate jdbc;
        private final WebhookPublisher publisher;
        private final ApplicationEventPublisher events;
        private final AtomicReference<String> lastMessageId = new AtomicReference<>();

        public ClientService(JdbcTemplate jdbc, WebhookPublisher publisher, ApplicationEventPublisher events) {
            this.jdbc = jdbc;
            this.publisher = publisher;
            this.events = events;
        }

        public String lastMessageId() {
            return lastMessageId.get();
        }

        @Transactional
        public String create(String name, boolean fail) {
            jdbc.update("INSERT INTO clients (name) VALUES (?)", name);
            String id = publisher.publish(WebhookEvent.of("client.created", Map.of("name", name))).messageId();
            lastMessageId.set(id);
            if (fail) {
                throw new IllegalStateException("boom");
            }
            return id;
        }

        @Transactional
        public void createViaEvent(String name, boolean fail) {
            jdbc.update("INSERT INTO clients (name) VALUES (?)", name);
            events.publishEvent(new ClientCreated(name));
            if (fail) {
                throw new IllegalStateException("boom");
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        ClientService clientService(JdbcTemplate jdbc, WebhookPublisher publisher, ApplicationEventPublisher events) {
            return new ClientService(jdbc, publisher, events);
        }
    }
}
