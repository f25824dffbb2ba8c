package io.cactus.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.dashboard.TestReceiver;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.signing.WebhookHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With ALERT_WEBHOOK_URL set, the {@code alerts} endpoint is the operator endpoint: an endpoint that
 * answers 410 Gone is disabled, the library sends a signed {@code endpoint.disabled} there, and the
 * same operational event is the stored alert.
 */
@SpringBootTest
class AlertForwardingIT {

    static final String SECRET = WebhookSecret.generate().encoded();
    static final ConcurrentLinkedQueue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
    static final MockWebServer server = start();

    private static MockWebServer start() {
        return TestReceiver.started(request -> {
            if (request.getUrl().encodedPath().equals("/crm")) {
                return new MockResponse.Builder().code(410).build();
            }
            received.add(request);
            return new MockResponse.Builder().code(204).build();
        });
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> Path.of("target", "it-data", "alerts-" + UUID.randomUUID())
                .toAbsolutePath().toString());
        registry.add("ADMIN_PASSWORD", () -> "alerts-admin-password");
        registry.add("WEBHOOK_SECRET", () -> SECRET);
        registry.add("ALERT_WEBHOOK_URL", () -> server.url("/alerts").toString());
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1/32,::1/128");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Autowired
    AlertService alerts;

    @Autowired
    Webhooks webhooks;

    @Test
    void anEndpointThatIsGoneIsSentAsSignedEndpointDisabledToTheAlertsEndpointAndStoredAsAnAlert() {
        assertThat(webhooks.reader().endpoint("alerts")).hasValueSatisfying(e -> {
            assertThat(e.filters()).extracting(f -> f.pattern()).containsExactly("endpoint.paused",
                    "endpoint.recovered", "endpoint.disabled", "delivery.dead");
            assertThat(e.secrets().get(0).encoded()).isEqualTo(SECRET);
        });
        assertThat(webhooks.operationalEvents().endpointId()).hasValue("alerts");

        webhooks.admin().saveEndpoint(Endpoint.builder("crm", server.url("/crm").toString())
                .secret(WebhookSecret.generate()).events("client.*").build());
        webhooks.admin().publishTo(WebhookEvent.of("webhook.test", Map.of("message", "hello")), List.of("crm"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
        RecordedRequest request = received.peek();
        String body = request.getBody().string(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, List<String>> headers = request.getHeaders().toMultimap();
        WebhookVerifier.of(SECRET).verify(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                WebhookHeaders.ofMultiMap(headers));
        assertThat(body).contains("\"type\":\"endpoint.disabled\"", "\"endpointId\":\"crm\"",
                "\"reason\":\"it answered 410 Gone\"", "\"httpStatus\":410").doesNotContain("hello");
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.latest().stream()
                .anyMatch(a -> a.kind() == Alert.Kind.ENDPOINT_DISABLED && a.endpointId().equals("crm")));
    }
}
