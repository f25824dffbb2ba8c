package io.cactus.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the API tests: the whole app on a random port, on its own H2 file under
 * {@code target/it-data/}, admin password known; a real HTTP client; and a look into the webhook
 * message table, since the API does not return message ids. All subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport {

    protected static final String ADMIN = "admin";
    protected static final String ADMIN_PASSWORD = "it-admin-password";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final Path DATA_DIR = Path.of("target", "it-data", UUID.randomUUID().toString()).toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * The one loopback port where the tests run their own receivers (a MockWebServer started on it,
     * one at a time): the only one of this machine the network policy lets through besides the demo
     * receiver's, as an allow-list entry for it ({@code 127.0.0.1:<port>}).
     */
    protected static final int RECEIVER_PORT = freePort();

    @DynamicPropertySource
    static void isolatedDatabase(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", DATA_DIR::toString);
        registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1:" + RECEIVER_PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD));
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    protected HttpResponse<String> post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE().build());
    }

    protected HttpResponse<String> put(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    protected long createClient(String name, String email) throws Exception {
        HttpResponse<String> response = post("/api/clients", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("client not created: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("id").asLong();
    }

    /** The envelopes ({@code type}, {@code timestamp}, {@code data}) stored for this event type and entity id. */
    protected List<JsonNode> messages(String eventType, long entityId) {
        return jdbc.query("SELECT payload FROM cactus_webhook_messages WHERE event_type = ?",
                        (rs, row) -> rs.getBytes(1), eventType).stream()
                .map(ApiTestSupport::readTree)
                .filter(envelope -> envelope.path("data").path("id").asLong() == entityId)
                .toList();
    }

    protected long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
