package io.cactus.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.signing.WebhookHeaders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With ALERT_WEBHOOK_URL set, an alert also arrives there as a signed {@code alert.raised} webhook. */
@SpringBootTest
class AlertForwardingIT {

    static final String SECRET = WebhookSecret.generate().encoded();
    static final ConcurrentLinkedQueue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
    static final MockWebServer server = start();

    private static MockWebServer start() {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                return new MockResponse.Builder().code(204).build();
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
    AlertListener listener;

    @Autowired
    Webhooks webhooks;

    @Test
    void alertIsSentAsSignedAlertRaisedWebhookToTheAlertsEndpointOnly() {
        assertThat(webhooks.reader().endpoint("alerts")).hasValueSatisfying(e -> {
            assertThat(e.filters()).extracting(f -> f.pattern()).containsExactly("alert.raised");
            assertThat(e.secrets().get(0).encoded()).isEqualTo(SECRET);
        });

        listener.onEndpointPaused("crm", 5, Instant.parse("2030-01-01T00:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
        RecordedRequest request = received.peek();
        String body = request.getBody().string(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, List<String>> headers = request.getHeaders().toMultimap();
        WebhookVerifier.of(SECRET).verify(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                WebhookHeaders.ofMultiMap(headers));
        assertThat(body).contains("\"type\":\"alert.raised\"", "ENDPOINT_PAUSED", "\"endpointId\":\"crm\"");
    }
}
