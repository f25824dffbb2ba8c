package io.cactus.webhooks.spring.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookSigner;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * docs/spring-boot.md's snippets in one Spring Boot app on an H2 file database: the transactional
 * publish, application events as webhooks, and the receiving controller behind the verification
 * filter. The app sends to a MockWebServer on 127.0.0.1.
 */
@SpringBootTest(classes = SpringBootSnippetsIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "cactus.webhooks.security.allowed-networks=127.0.0.1",
                "cactus.webhooks.receiver.enabled=true",
                "cactus.webhooks.receiver.paths=/webhooks/**" })
@DirtiesContext // closes the context, and with it the H2 file, before the temporary directory is deleted
class SpringBootSnippetsIT {

    static final WebhookSecret SENDING = WebhookSecret.generate();
    static final WebhookSecret RECEIVING = WebhookSecret.generate();
    static final ConcurrentLinkedQueue<RecordedRequest> sent = new ConcurrentLinkedQueue<>();
    static final MockWebServer crm = startCrm();

    @TempDir
    static Path dataDir;

    private static MockWebServer startCrm() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                sent.add(request);
                return new MockResponse.Builder().code(204).build();
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cactus.webhooks.jdbc.initialize-schema", () -> "always"); // a file database is not embedded
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDir.resolve("app").toAbsolutePath() + ";WRITE_DELAY=0");
        registry.add("cactus.webhooks.secret", SENDING::encoded);
        // a list binds from one property source only: the whole endpoint is given here
        registry.add("cactus.webhooks.endpoints[0].name", () -> "crm");
        registry.add("cactus.webhooks.endpoints[0].url", () -> "http://127.0.0.1:" + crm.getPort() + "/hooks");
        registry.add("cactus.webhooks.endpoints[0].events", () -> "client.*");
        registry.add("cactus.webhooks.receiver.secrets", RECEIVING::encoded);
    }

    @AfterAll
    static void stopCrm() {
        crm.close();
    }

    @Autowired
    ClientService clients;

    @Autowired
    ClientRegistration registration;

    @Autowired
    CactusWebhookController controller;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Webhooks webhooks;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void table() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS clients (id BIGINT PRIMARY KEY, name VARCHAR(100))");
    }

    @Test
    void aClientCreatedInATransactionIsSentAfterTheCommitSigned() {
        clients.create(1, "Ada Lovelace");

        RecordedRequest request = await().atMost(Duration.ofSeconds(30))
                .until(() -> sentWith("Ada Lovelace"), Optional::isPresent).orElseThrow();
        String body = request.getBody().string(UTF_8);
        assertThat(body).startsWith("{\"type\":\"client.created\",").contains("\"id\":1");
        WebhookVerifier.of(SENDING).verify(body, WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap()));
    }

    @Test
    void aRolledBackTransactionStoresAndSendsNothing() {
        long messagesBefore = webhooks.reader().count(DeliveryQuery.all());

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            clients.create(2, "Rolled Back");
            tx.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM clients WHERE id = 2", Long.class)).isZero();
        assertThat(webhooks.reader().count(DeliveryQuery.all())).isEqualTo(messagesBefore);
        webhooks.wake();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> sentWith("Rolled Back").isEmpty());
    }

    @Test
    void anAnnotatedApplicationEventIsSentAsAWebhook() {
        registration.register(3, "Grace Hopper");

        RecordedRequest request = await().atMost(Duration.ofSeconds(30))
                .until(() -> sentWith("Grace Hopper"), Optional::isPresent).orElseThrow();
        assertThat(request.getBody().string(UTF_8)).startsWith("{\"type\":\"client.created\",")
                .contains("\"data\":{\"id\":3,\"name\":\"Grace Hopper\"}");
    }

    @Test
    void theControllerGetsEachVerifiedEventOnceAndUnsignedOnesAreRefusedWith401() throws Exception {
        String body = "{\"type\":\"client.created\",\"timestamp\":\"2025-11-29T10:15:30.000Z\",\"data\":{\"id\":7}}";
        Map<String, String> signed = WebhookSigner.of(RECEIVING).headers(HeaderStyle.STANDARD,
                "msg_2CW6YDFKQ8C7B9TSD0X4ZP1M3E", Instant.now().getEpochSecond(), body.getBytes(UTF_8));

        assertThat(post(body, signed).statusCode()).isEqualTo(204);
        assertThat(post(body, signed).statusCode()).as("a retry").isEqualTo(204);
        assertThat(controller.handled()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("client.created");
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2025-11-29T10:15:30Z"));
            assertThat(e.data()).containsEntry("id", 7);
        });

        HttpResponse<String> unsigned = post(body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(unsigned.body()).contains("\"status\":401").contains("\"reason\":\"MISSING_HEADER\"");
        HttpResponse<String> tampered = post(body.replace("7", "8"), signed);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("\"reason\":\"NO_MATCHING_SIGNATURE\"");
        assertThat(controller.handled()).hasSize(1);
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/cactus"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<RecordedRequest> sentWith(String text) {
        return sent.stream().filter(r -> r.getBody() != null && r.getBody().string(UTF_8).contains(text)).findFirst();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ ClientService.class, ClientRegistration.class, CactusWebhookController.class })
    static class App {
    }
}
