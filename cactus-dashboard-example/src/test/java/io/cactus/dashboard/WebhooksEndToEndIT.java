package io.cactus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole example end to end: the six Cactus events, caused through the JSON API, are delivered
 * to the built-in demo receiver and to an outside receiver (MockWebServer, allowed by an
 * allow-list entry for its one port, {@code 127.0.0.1:<port>}); every request to the outside receiver verifies with the
 * Standard Webhooks reference library, and the demo receiver recorded all six as valid.
 *
 * <p>Its own context and H2 file: the API tests share theirs, and a second dispatcher on the same
 * database could deliver this test's webhooks to another context's demo receiver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhooksEndToEndIT {

    private static final Set<String> SIX_TYPES = Set.of("client.created", "client.updated", "portfolio.created",
            "portfolio.updated", "notification.sent", "user.registered");
    private static final String SECRET = WebhookSecret.generate().encoded();
    private static final String ADMIN_PASSWORD = "e2e-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ConcurrentLinkedQueue<RecordedRequest> outside = new ConcurrentLinkedQueue<>();
    private static final MockWebServer server = startServer();

    private static MockWebServer startServer() {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                outside.add(request);
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        try {
            s.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Path dataDir = Path.of("target", "it-data", "e2e-" + UUID.randomUUID()).toAbsolutePath();
        registry.add("CACTUS_DATA_DIR", dataDir::toString);
        registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("WEBHOOK_SECRET", () -> SECRET);
        registry.add("cactus.webhooks.endpoints[0].name", () -> "outside");
        registry.add("cactus.webhooks.endpoints[0].url", () -> "http://127.0.0.1:" + server.getPort() + "/hooks/cactus");
        registry.add("cactus.webhooks.endpoints[0].events", () -> "*");
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1:" + server.getPort());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @LocalServerPort
    int port;

    @Test
    void allSixEventsReachTheDemoReceiverAndAnOutsideReceiverSignedAndVerified() throws Exception {
        long client = id(send("POST", "/api/clients", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", 201));
        send("PUT", "/api/clients/" + client, "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}", 200);
        long portfolio = id(send("POST", "/api/portfolios",
                "{\"clientId\":" + client + ",\"name\":\"Growth\",\"currency\":\"EUR\"}", 201));
        send("PUT", "/api/portfolios/" + portfolio,
                "{\"clientId\":" + client + ",\"name\":\"Growth II\",\"currency\":\"EUR\"}", 200);
        send("POST", "/api/notifications",
                "{\"clientId\":" + client + ",\"channel\":\"email\",\"message\":\"Welcome\"}", 201);
        send("POST", "/api/users", "{\"email\":\"grace@example.com\",\"name\":\"Grace\",\"password\":\"s3cret-pass\"}", 201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(outside).hasSizeGreaterThanOrEqualTo(6);
            assertThat(validAtDemo()).hasSizeGreaterThanOrEqualTo(6);
        });

        List<String> outsideIds = new ArrayList<>();
        List<String> outsideTypes = new ArrayList<>();
        for (RecordedRequest request : outside) {
            String body = request.getBody().string(StandardCharsets.UTF_8);
            // the reference implementation of Standard Webhooks, not ours
            new com.standardwebhooks.Webhook(SECRET).verify(body, request.getHeaders().toMultimap());
            outsideIds.add(request.getHeaders().get("webhook-id"));
            outsideTypes.add(JSON.readTree(body).get("type").asText());
        }
        assertThat(outsideTypes).containsExactlyInAnyOrderElementsOf(SIX_TYPES);

        List<JsonNode> demo = validAtDemo();
        assertThat(demo).allSatisfy(entry -> assertThat(entry.get("signatureValid").asBoolean()).isTrue());
        assertThat(demo.stream().map(entry -> entry.get("eventType").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(SIX_TYPES);
        // one message per event, delivered to both endpoints under the same webhook-id
        assertThat(demo.stream().map(entry -> entry.get("webhookId").asText()).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(outsideIds));
    }

    /**
     * The endpoint of {@code cactus.webhooks.endpoints[0]} is managed by configuration: the API
     * marks it and answers 409 with a problem body to every edit, the stored endpoint stays as it
     * was, and enable/disable still work; the endpoints page shows the mark and no delete control.
     */
    @Test
    void theConfiguredEndpointIsManagedByConfigurationInTheApiAndThePages() throws Exception {
        JsonNode before = JSON.readTree(send("GET", "/api/webhooks/endpoints/outside", null, 200));
        assertThat(before.get("managed").asBoolean()).isTrue();
        assertThat(before.get("managedBy").asText()).startsWith("cactus.webhooks.endpoints[0]");

        String update = "{\"url\":\"http://127.0.0.1:9/elsewhere\",\"events\":[\"*\"]}";
        JsonNode problem = JSON.readTree(send("PUT", "/api/webhooks/endpoints/outside", update, 409));
        assertThat(problem.get("title").asText()).isEqualTo("Endpoint managed by configuration");
        assertThat(problem.get("detail").asText()).contains("'outside'").contains("cactus.webhooks.endpoints[0]");
        assertThat(problem.get("endpointId").asText()).isEqualTo("outside");
        send("DELETE", "/api/webhooks/endpoints/outside", "", 409);
        send("POST", "/api/webhooks/endpoints/outside/rotate-secret", "", 409);
        send("POST", "/api/webhooks/endpoints/outside/retire-old-secrets", "", 409);
        JsonNode after = JSON.readTree(send("GET", "/api/webhooks/endpoints/outside", null, 200));
        assertThat(after.get("url")).isEqualTo(before.get("url"));
        assertThat(after.get("secrets")).isEqualTo(before.get("secrets"));

        assertThat(JSON.readTree(send("POST", "/api/webhooks/endpoints/outside/disable", "", 200)).get("enabled")
                .asBoolean()).isFalse();
        assertThat(JSON.readTree(send("POST", "/api/webhooks/endpoints/outside/enable", "", 200)).get("enabled")
                .asBoolean()).isTrue();
        JsonNode demo = JSON.readTree(send("GET", "/api/webhooks/endpoints/demo", null, 200));
        assertThat(demo.get("managed").asBoolean()).as("the demo receiver's endpoint is a runtime one").isFalse();

        PageClient pages = new PageClient(port).logIn("admin", ADMIN_PASSWORD);
        String list = pages.get("/webhooks/endpoints").body();
        String outsideRow = list.substring(list.indexOf("id=\"endpoint-outside\""));
        outsideRow = outsideRow.substring(0, outsideRow.indexOf("</tr>"));
        assertThat(outsideRow).contains("managed by configuration").doesNotContain("/delete");
        String demoRow = list.substring(list.indexOf("id=\"endpoint-demo\""));
        assertThat(demoRow.substring(0, demoRow.indexOf("</tr>"))).doesNotContain("managed by configuration")
                .contains("/delete");
        String form = pages.get("/webhooks/endpoints/outside").body();
        assertThat(form).contains("id=\"managed-by\"").contains("cactus.webhooks.endpoints[0]")
                .doesNotContain("id=\"save-endpoint\"").doesNotContain("id=\"rotate-secret\"");
        assertThat(pages.post("/webhooks/endpoints/outside/delete", Map.of("_csrf", PageClient.csrfToken(form)))
                .statusCode()).isEqualTo(409);
        send("GET", "/api/webhooks/endpoints/outside", null, 200);
    }

    private List<JsonNode> validAtDemo() throws Exception {
        JsonNode list = JSON.readTree(send("GET", "/api/demo/received", null, 200));
        List<JsonNode> valid = new ArrayList<>();
        list.forEach(entry -> {
            if (entry.get("signatureValid").asBoolean()) {
                valid.add(entry);
            }
        });
        return valid;
    }

    private String send(String method, String path, String json, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    private static long id(String body) throws IOException {
        return JSON.readTree(body).get("id").asLong();
    }
}
