package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenario 3: the receiver refuses connections, then answers 503 with Retry-After, then
 * recovers. Everything arrives, and every failed attempt is in the deliveries API with its reason.
 */
class ReceiverOutageIT {

    /**
     * Two events: two refused and two 503 attempts stay under the circuit breaker's five failures in
     * a row. More would pause the endpoint 30 s, then 60 s after a failed probe (correct, but slow).
     */
    private static final int EVENTS = 2;

    @Test
    void refusedThen503ThenHealthyDeliversEverythingAndRecordsEveryFailedAttempt() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "outage-");
        long t0 = System.nanoTime();
        try (Receiver receiver = new Receiver(secret);
                AppProcess app = AppProcess.builder("outage", data)
                        .endpoint(0, "faults", receiver.url(), secret).build().start()) {
            Set<String> published = Api.createClients(app, "outage", EVENTS, 2, 60);

            // phase 1: connection refused (the receiver's port is closed)
            await("refused attempts recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Api.attemptsWithError(app, "faults", "connection refused") >= EVENTS);
            // phase 2: the port opens but the next requests get 503 + Retry-After: 1; then phase 3, healthy
            receiver.unavailableFor(EVENTS);
            receiver.start();

            await("all delivered after the outage").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                    .until(() -> receiver.emails().containsAll(published)
                            && Api.deliveries(app, "succeeded", "faults") == EVENTS);

            List<JsonNode> views = Api.deliveryViews(app, "faults");
            assertThat(views).hasSize(EVENTS);
            long failed = 0;
            long refused = 0;
            long unavailable = 0;
            for (JsonNode view : views) {
                JsonNode attempts = view.get("attempts");
                assertThat(attempts.size()).as("attempts listed = attempts counted")
                        .isEqualTo(view.get("delivery").get("attempts").asInt());
                for (int i = 0; i < attempts.size(); i++) {
                    JsonNode a = attempts.get(i);
                    boolean last = i == attempts.size() - 1;
                    if (last) {
                        assertThat(a.get("statusCode").asInt()).isEqualTo(200);
                        continue;
                    }
                    failed++;
                    assertThat(a.get("error").asText()).as("every failed attempt has a reason").isNotBlank();
                    refused += a.get("error").asText().contains("connection refused") ? 1 : 0;
                    unavailable += a.get("error").asText().contains("HTTP 503") ? 1 : 0;
                }
            }
            assertThat(refused).isGreaterThanOrEqualTo(EVENTS);
            assertThat(unavailable).as("every 503 the receiver sent is recorded").isEqualTo(receiver.unavailableAnswers());
            assertThat(receiver.rejected()).isZero();
            Report.row("3 receiver outage", "events=" + EVENTS + ", delivered=" + receiver.emails().size()
                    + ", lost=0, duplicates=" + receiver.duplicates() + ", failed attempts recorded=" + failed
                    + " (refused " + refused + ", 503 " + unavailable + "), took "
                    + (System.nanoTime() - t0) / 1_000_000_000 + " s incl. startup");
        }
    }
}
