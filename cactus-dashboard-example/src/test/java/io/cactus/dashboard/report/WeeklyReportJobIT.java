package io.cactus.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.dashboard.TestReceiver;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code report.weekly} webhook: with the job on and ALERT_WEBHOOK_URL set, the last complete
 * week's report goes once, signed, to the operator endpoint {@code alerts} (a real receiver,
 * MockWebServer) and to no other endpoint, even when two callers (nodes) run the check at once and
 * when it runs again.
 */
@SpringBootTest
class WeeklyReportJobIT {

    static final String SECRET = WebhookSecret.generate().encoded();
    static final ObjectMapper JSON = new ObjectMapper();
    static final ConcurrentLinkedQueue<RecordedRequest> alerts = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> crm = new ConcurrentLinkedQueue<>();
    static final MockWebServer server = start();

    private static MockWebServer start() {
        return TestReceiver.started(request -> {
            if (request.getUrl().encodedPath().equals("/crm")) {
                crm.add(request.getBody().string(StandardCharsets.UTF_8));
            } else {
                alerts.add(request);
            }
            return new MockResponse.Builder().code(204).build();
        });
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> Path.of("target", "it-data", "report-job-" + UUID.randomUUID())
                .toAbsolutePath().toString());
        registry.add("ADMIN_PASSWORD", () -> "report-job-admin-password");
        registry.add("WEBHOOK_SECRET", () -> SECRET);
        registry.add("ALERT_WEBHOOK_URL", () -> server.url("/alerts").toString());
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1/32,::1/128");
        registry.add("CACTUS_RETENTION_ENABLED", () -> "false");
        registry.add("cactus.dashboard.reports.weekly-webhook.enabled", () -> "true");
        // the test runs the check itself
        registry.add("cactus.dashboard.reports.weekly-webhook.initial-delay", () -> "1h");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Autowired
    WeeklyReportJob job;

    @Autowired
    Webhooks webhooks;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void sendsLastWeeksReportOnceSignedToTheOperatorEndpointOnly() throws Exception {
        IsoWeek week = IsoWeek.lastComplete(clock);
        new ReportDataSet(jdbc, "job", week).write();
        webhooks.admin().saveEndpoint(Endpoint.builder("crm", server.url("/crm").toString())
                .secret(WebhookSecret.generate()).events("*").build());
        // the control: crm gets what is published to everyone
        webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of("name", "control")));

        // two nodes check at once, then one checks again
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Optional<PublishReceipt>>> checks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            checks.add(nodes.submit(() -> {
                together.await();
                return job.sendIfDue();
            }));
        }
        List<PublishReceipt> sent = new ArrayList<>();
        for (Future<Optional<PublishReceipt>> check : checks) {
            check.get().ifPresent(sent::add);
        }
        nodes.shutdown();
        assertThat(sent).hasSize(1);
        assertThat(job.sendIfDue()).isEmpty();

        // stored once, for the operator endpoint only, and recorded as sent
        String messageId = sent.get(0).messageId();
        assertThat(jdbc.queryForList("SELECT d.endpoint_id FROM cactus_webhook_deliveries d JOIN cactus_webhook_messages m"
                + " ON m.id = d.message_id WHERE m.event_type = 'report.weekly'", String.class)).containsExactly("alerts");
        assertThat(jdbc.queryForObject("SELECT message_id FROM report_sends WHERE week = ?", String.class, week.toString()))
                .isEqualTo(messageId);

        await().atMost(Duration.ofSeconds(20)).until(() -> !alerts.isEmpty() && !crm.isEmpty());
        RecordedRequest request = alerts.peek();
        String body = request.getBody().string(StandardCharsets.UTF_8);
        WebhookVerifier.of(SECRET).verify(body.getBytes(StandardCharsets.UTF_8),
                WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap()));
        assertThat(request.getHeaders().get("webhook-id")).isEqualTo(messageId);
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("type").asText()).isEqualTo("report.weekly");
        JsonNode data = json.path("data");
        assertThat(data.path("week").asText()).isEqualTo(week.toString());
        assertThat(data.path("from").asText()).isEqualTo(week.start().toString());
        assertThat(data.path("total").path("deliveries").asLong()).isEqualTo(110);
        assertThat(data.path("total").path("p99Ms").asLong()).isEqualTo(300);
        assertThat(data.path("total").path("longestOutage").path("endpointId").asText()).isEqualTo("crm");
        assertThat(data.path("endpoints")).hasSize(2);
        assertThat(data.path("endpoints").get(0).path("endpointId").asText()).isEqualTo("crm");
        assertThat(crm).allSatisfy(b -> assertThat(b).doesNotContain("report.weekly")).anySatisfy(b ->
                assertThat(b).contains("control"));
        assertThat(alerts).hasSize(1);
    }
}
