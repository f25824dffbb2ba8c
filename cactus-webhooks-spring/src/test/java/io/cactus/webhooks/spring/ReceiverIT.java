package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Receiving: the filter verifies the raw body before the controller binds JSON. */
@SpringBootTest(classes = ReceiverIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.paths=/webhooks/**",
                "cactus.webhooks.receiver.secrets=" + ReceiverIT.SECRET })
class ReceiverIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String BODY = "{\"type\":\"client.created\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"data\":{\"id\":7}}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void validRequestReachesTheHandler() throws Exception {
        HttpResponse<String> r = send(BODY, signed("msg_valid", Instant.now().getEpochSecond(), BODY));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("msg_valid:client.created");
    }

    @Test
    void tamperedBodyIsRejected() throws Exception {
        HttpResponse<String> r = send(BODY.replace("7", "8"), signed("msg_t", Instant.now().getEpochSecond(), BODY));
        assertUnauthorized(r, "NO_MATCHING_SIGNATURE");
    }

    @Test
    void staleRequestIsRejected() throws Exception {
        long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
        assertUnauthorized(send(BODY, signed("msg_s", tenMinutesAgo, BODY)), "TIMESTAMP_TOO_OLD");
    }

    @Test
    void unsignedRequestIsRejected() throws Exception {
        assertUnauthorized(send(BODY, Map.of()), "MISSING_HEADER");
    }

    @Test
    void otherPathsAreNotChecked() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static void assertUnauthorized(HttpResponse<String> r, String reason) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"reason\":\"" + reason + "\"").contains("\"status\":401")
                .doesNotContain(SECRET.substring(6));
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
        @PostMapping("/webhooks/cactus")
        String receive(@RequestBody Map<String, Object> event,
                @RequestAttribute(WebhookVerificationFilter.ATTRIBUTE) VerifiedWebhook verified) {
            return verified.id() + ":" + event.get("type");
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
    }
}
