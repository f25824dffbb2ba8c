package io.cactus.dashboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.dashboard.TestReceiver;
import io.cactus.dashboard.clients.Client;
import io.cactus.dashboard.clients.ClientRequest;
import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.notifications.Notification;
import io.cactus.dashboard.notifications.NotificationRequest;
import io.cactus.dashboard.notifications.NotificationService;
import io.cactus.dashboard.portfolios.Portfolio;
import io.cactus.dashboard.portfolios.PortfolioRequest;
import io.cactus.dashboard.portfolios.PortfolioService;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.catalog.PayloadValidationException;
import io.cactus.webhooks.catalog.SchemaValidation;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each client is a tenant: a client's events reach that client's own endpoints (added for its tenant,
 * as its portal does) and the dashboard's own (untenanted) endpoints, never another client's; and a
 * rolled-back change sends nothing to either. One MockWebServer plays three receivers, one per path:
 * {@code /client-1} and {@code /client-2} (each client's CRM) and {@code /dashboard} (the dashboard's
 * own, like n8n). The whole app on its own H2 file, the real services, transactions and dispatcher.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTenantWebhooksIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Queue<RecordedRequest>> received = new ConcurrentHashMap<>();
    static final MockWebServer server = start();

    private static MockWebServer start() {
        return TestReceiver.started(request -> {
            received.computeIfAbsent(request.getUrl().encodedPath(), p -> new ConcurrentLinkedQueue<>()).add(request);
            return new MockResponse.Builder().code(204).build();
        });
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> Path.of("target", "it-data", "tenants-" + UUID.randomUUID())
                .toAbsolutePath().toString());
        registry.add("ADMIN_PASSWORD", () -> "tenants-admin-password");
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1:" + server.getPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Autowired
    Webhooks webhooks;
    @Autowired
    ClientService clients;
    @Autowired
    PortfolioService portfolios;
    @Autowired
    NotificationService notifications;
    @Autowired
    TransactionTemplate transactions;

    Client one;
    Client two;
    final WebhookSecret oneSecret = WebhookSecret.generate();
    final WebhookSecret twoSecret = WebhookSecret.generate();
    final WebhookSecret dashboardSecret = WebhookSecret.generate();

    @BeforeEach
    void twoClientsEachWithItsOwnEndpointAndTheDashboardsOwn() {
        if (one != null) {
            return;
        }
        one = clients.create(new ClientRequest("Ada One", "ada@one.example"));
        two = clients.create(new ClientRequest("Bob Two", "bob@two.example"));
        webhooks.admin(ClientTenants.of(one.id())).saveEndpoint(Endpoint.builder("crm", server.url("/client-1").toString())
                .secret(oneSecret).events("*").build());
        // The same endpoint id in another tenant is refused as taken, so client 2's gets its own.
        webhooks.admin(ClientTenants.of(two.id())).saveEndpoint(Endpoint.builder("crm-2", server.url("/client-2").toString())
                .secret(twoSecret).events("*").build());
        webhooks.admin().saveEndpoint(Endpoint.builder("dashboard-own", server.url("/dashboard").toString())
                .secret(dashboardSecret).events("client.*", "portfolio.*", "notification.*").build());
    }

    @Test
    void theTenantOfAClientIsClientDashItsId() {
        assertThat(ClientTenants.of(7)).isEqualTo(TenantId.of("client-7"));
        assertThat(webhooks.reader(ClientTenants.of(one.id())).endpoints()).extracting(Endpoint::id).containsExactly("crm");
        assertThat(webhooks.reader().endpoint("crm")).as("a client's endpoint carries its tenant")
                .hasValueSatisfying(e -> assertThat(e.tenant()).isEqualTo(ClientTenants.of(one.id())));
    }

    @Test
    void aClientUpdatedReachesThatClientsEndpointAndTheDashboardsButNotAnotherClients() {
        clients.update(one.id(), new ClientRequest("Ada One v2", "ada@one.example"));
        clients.update(two.id(), new ClientRequest("Bob Two v2", "bob@two.example"));

        await().atMost(Duration.ofSeconds(30)).until(() -> named("/client-1", "Ada One v2")
                && named("/dashboard", "Ada One v2") && named("/dashboard", "Bob Two v2"));
        // Positive control: client 2's update reaches client 2's endpoint.
        await().atMost(Duration.ofSeconds(30)).until(() -> named("/client-2", "Bob Two v2"));

        // Each copy is signed with the secret of the endpoint it went to, under its own webhook id.
        RecordedRequest oneRequest = request("/client-1", "Ada One v2");
        RecordedRequest dashboardRequest = request("/dashboard", "Ada One v2");
        assertThat(body(oneRequest).path("type").asText()).isEqualTo("client.updated");
        assertThat(body(oneRequest).at("/data/id").asLong()).isEqualTo(one.id());
        verify(oneRequest, oneSecret);
        verify(dashboardRequest, dashboardSecret);
        assertThat(oneRequest.getHeaders().get("webhook-id")).isNotEqualTo(dashboardRequest.getHeaders().get("webhook-id"));

        assertNothingOfTheOtherClient();
    }

    @Test
    void aClientsPortfolioAndNotificationReachItsEndpointAndTheDashboardsButNotAnotherClients() {
        Portfolio p1 = portfolios.create(new PortfolioRequest(one.id(), "Growth", "EUR"));
        portfolios.update(p1.id(), new PortfolioRequest(one.id(), "Growth II", "USD"));
        Notification n1 = notifications.send(new NotificationRequest(one.id(), "email", "Your statement is ready"));
        Portfolio p2 = portfolios.create(new PortfolioRequest(two.id(), "Income", "GBP"));

        for (String path : List.of("/client-1", "/dashboard")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> find(path, "portfolio.created", p1.id()) != null
                    && find(path, "portfolio.updated", p1.id()) != null && find(path, "notification.sent", n1.id()) != null);
        }
        assertThat(find("/client-1", "portfolio.updated", p1.id()).at("/data/currency").asText()).isEqualTo("USD");
        // Positive control: client 2's portfolio reaches client 2's endpoint (and the dashboard's).
        await().atMost(Duration.ofSeconds(30)).until(() -> find("/client-2", "portfolio.created", p2.id()) != null
                && find("/dashboard", "portfolio.created", p2.id()) != null);

        assertNothingOfTheOtherClient();
    }

    @Test
    void aRolledBackChangeSendsNothingToTheClientNorToTheDashboard() {
        transactions.executeWithoutResult(status -> {
            clients.update(one.id(), new ClientRequest("Rolled Back", "ada@one.example"));
            status.setRollbackOnly();
        });
        // Positive control: the same change committed arrives at both, after the rolled-back one would have.
        clients.update(one.id(), new ClientRequest("Committed", "ada@one.example"));
        await().atMost(Duration.ofSeconds(30)).until(() -> named("/client-1", "Committed") && named("/dashboard", "Committed"));
        awaitAllDelivered();

        assertThat(named("/client-1", "Rolled Back")).isFalse();
        assertThat(named("/dashboard", "Rolled Back")).isFalse();
        assertThat(clients.get(one.id()).name()).isEqualTo("Committed");
    }

    @Test
    void theCatalogueListsTheSixTypesAndRefusesAClientPayloadThatBreaksItsSchemaStoringNothing() throws Exception {
        assertThat(webhooks.eventTypes().types()).extracting(d -> d.type().toString())
                .containsExactly("client.created", "client.updated", "portfolio.created", "portfolio.updated",
                        "notification.sent", "user.registered");
        assertThat(webhooks.eventTypes().types()).allSatisfy(d -> assertThat(d.description()).isNotBlank());
        for (String type : List.of("client.updated", "portfolio.created", "portfolio.updated", "notification.sent")) {
            EventTypeDefinition d = webhooks.eventTypes().find(EventType.of(type)).orElseThrow();
            assertThat(d.schema()).as(type).isPresent();
            assertThat(d.validation()).as(type).isEqualTo(SchemaValidation.ON);
            // The golden payload of EventPayloadsIT conforms (positive control of the refusal below).
            JsonNode golden = JSON.readTree(getClass().getResourceAsStream("/events/" + type + ".json"));
            Map<?, ?> data = JSON.convertValue(golden.get("data"), Map.class);
            assertThat(webhooks.publisher().publish(ClientTenants.of(one.id()), WebhookEvent.of(type, data)).type())
                    .hasToString(type);
        }
        long before = webhooks.reader().count(DeliveryQuery.all().withEndpoint("crm"));
        assertThatThrownBy(() -> webhooks.publisher().publish(ClientTenants.of(one.id()),
                WebhookEvent.of("client.updated", Map.of("id", one.id(), "name", "No email"))))
                .isInstanceOf(PayloadValidationException.class).hasMessageContaining("email");
        awaitAllDelivered();
        assertThat(webhooks.reader().count(DeliveryQuery.all().withEndpoint("crm"))).isEqualTo(before);
    }

    /** Nothing of client 1 at client 2's endpoint nor the reverse, once every delivery has finished. */
    private void assertNothingOfTheOtherClient() {
        awaitAllDelivered();
        assertThat(bodies("/client-1")).isNotEmpty().allSatisfy(b -> assertThat(clientOf(b)).isEqualTo(one.id()));
        assertThat(bodies("/client-2")).isNotEmpty().allSatisfy(b -> assertThat(clientOf(b)).isEqualTo(two.id()));
        DeliveryQuery all = DeliveryQuery.all();
        assertThat(webhooks.reader(ClientTenants.of(two.id())).deliveries(all)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.endpointId()).isEqualTo("crm-2"));
        assertThat(webhooks.reader(ClientTenants.of(one.id())).deliveries(all)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.endpointId()).isEqualTo("crm"));
    }

    /** Every delivery to the three endpoints has succeeded, so whatever was to arrive has arrived. */
    private void awaitAllDelivered() {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("crm", "crm-2", "dashboard-own").stream()
                .allMatch(id -> webhooks.reader().deliveries(DeliveryQuery.all().withEndpoint(id)).stream()
                        .allMatch(d -> d.status() == DeliveryStatus.SUCCEEDED)));
    }

    /** The client a payload is about: {@code data.clientId}, or {@code data.id} of a client event. */
    private static long clientOf(JsonNode body) {
        JsonNode data = body.path("data");
        return data.has("clientId") ? data.get("clientId").asLong() : data.get("id").asLong();
    }

    private static boolean named(String path, String name) {
        return bodies(path).stream().anyMatch(b -> b.at("/data/name").asText().equals(name));
    }

    private static JsonNode find(String path, String type, long id) {
        return bodies(path).stream().filter(b -> b.path("type").asText().equals(type)
                && b.at("/data/id").asLong() == id).findFirst().orElse(null);
    }

    private static RecordedRequest request(String path, String name) {
        return received.getOrDefault(path, new ConcurrentLinkedQueue<>()).stream()
                .filter(r -> body(r).at("/data/name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static List<JsonNode> bodies(String path) {
        return received.getOrDefault(path, new ConcurrentLinkedQueue<>()).stream().map(ClientTenantWebhooksIT::body)
                .toList();
    }

    private static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verify(RecordedRequest request, WebhookSecret secret) {
        WebhookVerifier.of(secret.encoded()).verify(request.getBody().string(StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_8), WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap()));
    }
}
