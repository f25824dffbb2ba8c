package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.VerifiedWebhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receiving on a real Tomcat: the filter verifies the raw body before the controller binds JSON,
 * and no way of writing a guarded path reaches its handler unsigned. The app matches paths
 * case-insensitively, so that an upper-case path is a real way in.
 */
@SpringBootTest(classes = ReceiverIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cactus.webhooks.receiver.enabled=true",
                "cactus.webhooks.receiver.paths=/webhooks/**,/api/notifications",
                "cactus.webhooks.receiver.max-body-size=4KB",
                "cactus.webhooks.receiver.secrets=" + ReceiverIT.SECRET })
class ReceiverIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String BODY = "{\"type\":\"client.created\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"data\":{\"id\":7}}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Receiver receiver;

    private final HttpClient http = HttpClient.newHttpClient();
    private RawHttp raw;

    @BeforeEach
    void setUp() {
        raw = new RawHttp(port);
        receiver.guardedCalls.set(0);
        receiver.openCalls.set(0);
    }

    @Test
    void validRequestReachesTheHandler() throws Exception {
        HttpResponse<String> r = send(BODY, signed("msg_valid", Instant.now().getEpochSecond(), BODY));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("msg_valid:client.created");
    }

    @Test
    void tamperedBodyIsRejected() throws Exception {
        HttpResponse<String> r = send(BODY.replace("7", "8"), signed("msg_t", Instant.now().getEpochSecond(), BODY));
        assertProblem(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), 401,
                "NO_MATCHING_SIGNATURE");
    }

    @Test
    void staleRequestIsRejected() throws Exception {
        long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
        HttpResponse<String> r = send(BODY, signed("msg_s", tenMinutesAgo, BODY));
        JsonNode problem = assertProblem(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                401, "TIMESTAMP_TOO_OLD");
        assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.has("type")).as("type about:blank is left out, as RFC 9457 allows").isFalse();
        assertThat(problem.get("detail").asString()).contains("s in the past; the tolerance is 300 s");
    }

    @Test
    void unsignedRequestIsRejected() throws Exception {
        HttpResponse<String> r = send(BODY, Map.of());
        assertProblem(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), 401,
                "MISSING_HEADER");
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        String big = "{\"type\":\"client.created\",\"data\":\"" + "x".repeat(5000) + "\"}";
        RawHttp.Response r = raw.post("/api/notifications", signed("msg_big", Instant.now().getEpochSecond(), big), big);
        assertProblem(r.status(), r.header("Content-Type").orElse(""), r.body(), 413, "BODY_TOO_LARGE");
        assertThat(receiver.guardedCalls).hasValue(0);
    }

    @Test
    void otherPathsAreNotChecked() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /**
     * Each way of writing {@code /api/notifications} is refused unsigned (401, or 400 from the
     * filter or Tomcat when it cannot be read one way only) and the handler is not called; in the
     * same test a signed request reaches it, so the count would have moved.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/%6eotifications", "/%61pi/notifications", "/api/notification%73",
            "/api/notifications;jsessionid=x", "/api;jsessionid=x/notifications", "/api/notifications;a=b",
            "/api;a=b/notifications;c=d",
            "//api/notifications", "/api//notifications", "/api/notifications/",
            "/./api/notifications", "/api/./notifications", "/api/%2e/notifications",
            "/x/../api/notifications", "/open/../api/notifications", "/x/%2e%2e/api/notifications",
            "/x/..;a=b/api/notifications",
            "/API/notifications", "/api/NOTIFICATIONS", "/Api/Notifications",
            "/api%2Fnotifications", "/api%2fnotifications", "/api/notifications%00", "/api/notifications%00.json",
            "/api/%256eotifications", "/api/notifications%25", "/api%5Cnotifications", "/api\\notifications",
            "/../api/notifications", "/api/%zznotifications",
    })
    void aBypassAttemptNeverReachesTheHandler(String target) throws Exception {
        RawHttp.Response attempt = raw.post(target, Map.of(), BODY);

        assertThat(attempt.status()).as("status of %s", target).isIn(400, 401);
        if (attempt.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            JsonNode problem = JSON.readTree(attempt.body());
            assertThat(problem.get("status").asInt()).isEqualTo(attempt.status());
            assertThat(problem.get("reason").asString()).isEqualTo(attempt.status() == 401 ? "MISSING_HEADER"
                    : "INVALID_PATH");
        }
        assertThat(receiver.guardedCalls).as("calls of the guarded handler").hasValue(0);

        RawHttp.Response control = raw.post("/api/notifications", signed("msg_control", now(), BODY), BODY);
        assertThat(control.status()).isEqualTo(200);
        assertThat(receiver.guardedCalls).as("the control reached it").hasValue(1);
    }

    /** The tricks are real: Spring MVC routes these forms to a handler that no filter guards. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/open/%6eotifications", "/open/notifications;jsessionid=x", "/open;a=b/notifications",
            "/OPEN/Notifications" })
    void theSameFormsReachAnUnguardedHandler(String target) throws Exception {
        RawHttp.Response r = raw.post(target, Map.of(), BODY);

        assertThat(r.status()).isEqualTo(200);
        assertThat(receiver.openCalls).hasValue(1);
    }

    /** A signed request written another way is still the same request: it passes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api/%6eotifications", "/api/notifications;jsessionid=x", "/API/notifications" })
    void aValidSignatureOnAnotherSpellingStillPasses(String target) throws Exception {
        RawHttp.Response r = raw.post(target, signed("msg_spelt", now(), BODY), BODY);

        assertThat(r.status()).isEqualTo(200);
        assertThat(receiver.guardedCalls).hasValue(1);
    }

    private static JsonNode assertProblem(int status, String contentType, String body, int expectedStatus,
            String reason) {
        assertThat(status).isEqualTo(expectedStatus);
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body); // real JSON, whatever the detail contains
        assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(problem.get("reason").asString()).isEqualTo(reason);
        assertThat(body).doesNotContain(SECRET.substring(6));
        return problem;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static Map<String, String> signed(String id, long timestamp, String body) throws Exception {
        String signature = new com.standardwebhooks.Webhook(SECRET).sign(id, timestamp, body);
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/cactus"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @RestController
    static class Receiver {
        final AtomicInteger guardedCalls = new AtomicInteger();
        final AtomicInteger openCalls = new AtomicInteger();

        @PostMapping("/webhooks/cactus")
        String receive(@RequestBody Map<String, Object> event,
                @RequestAttribute(WebhookVerificationFilter.ATTRIBUTE) VerifiedWebhook verified) {
            return verified.id() + ":" + event.get("type");
        }

        @PostMapping("/api/notifications")
        String notifications(@RequestBody Map<String, Object> event) {
            guardedCalls.incrementAndGet();
            return "guarded";
        }

        @PostMapping("/open/notifications")
        String openNotifications(@RequestBody Map<String, Object> event) {
            openCalls.incrementAndGet();
            return "open";
        }

        @PostMapping("/open")
        String open(@RequestBody Map<String, Object> event) {
            return "open";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Receiver.class)
    static class App {

        /** Case-insensitive matching, as an application may choose: upper case then reaches handlers. */
        @Bean
        WebMvcConfigurer caseInsensitivePaths() {
            return new WebMvcConfigurer() {
                @Override
                public void configurePathMatch(PathMatchConfigurer configurer) {
                    PathPatternParser parser = new PathPatternParser();
                    parser.setCaseSensitive(false);
                    configurer.setPatternParser(parser);
                }
            };
        }
    }
}
