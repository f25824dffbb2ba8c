package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenario 5: receivers that attack the sender. Their attempts fail with a recorded reason,
 * the app's memory stays bounded, and a healthy endpoint next to them gets everything.
 */
class HostileReceiversIT {

    private static final int EVENTS = 20;

    @Test
    void hostileReceiversFailWithAReasonAndHurtNobodyElse() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "hostile-");
        Map<String, HostileReceiver> hostile = new LinkedHashMap<>();
        for (HostileReceiver.Behaviour b : HostileReceiver.Behaviour.values()) {
            hostile.put(b.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), new HostileReceiver(b));
        }
        try (Receiver healthy = new Receiver(secret).start()) {
            AppProcess.Builder config = AppProcess.builder("hostile", data).endpoint(0, "healthy", healthy.url(), secret);
            int n = 1;
            for (Map.Entry<String, HostileReceiver> h : hostile.entrySet()) {
                config.endpoint(n++, h.getKey(), h.getValue().url(), secret);
            }
            try (AppProcess app = config.build().start()) {
                long rssBefore = rssKib(app.pid());
                long peakRss = rssBefore;
                Set<String> published = Api.createClients(app, "hostile", EVENTS, 2, 120);
                await("the healthy endpoint gets everything").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).until(() -> healthy.emails().containsAll(published));
                Map<String, Set<String>> reasons = new LinkedHashMap<>();
                for (String id : hostile.keySet()) {
                    await(id + " attempts recorded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                            .until(() -> !errors(app, id).isEmpty());
                    peakRss = Math.max(peakRss, rssKib(app.pid()));
                    reasons.put(id, errors(app, id));
                }
                // keep the attack going (retries every 1-2 s, circuit breaker probes) and watch memory meanwhile
                long[] peak = {peakRss};
                await("memory stays bounded under attack").during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            peak[0] = Math.max(peak[0], rssKib(app.pid()));
                            return app.isAlive() && peak[0] < 700 * 1024;
                        });
                peakRss = peak[0];
                assertThat(app.isAlive()).isTrue();
                assertThat(Api.deliveries(app, "succeeded", "healthy")).isEqualTo(EVENTS);
                assertThat(reasons.get("never-answers")).contains("timeout");
                assertThat(reasons.get("redirect-to-metadata")).contains("HTTP 302");
                assertThat(reasons.get("huge-headers")).anyMatch(r -> r.contains("headers too large"));
                assertThat(peakRss).as("peak RSS (KiB) with -Xmx256m").isLessThan(700 * 1024);
                Report.row("5 hostile receivers", "events=" + EVENTS + " to 1 healthy + 4 hostile endpoints: healthy got "
                        + healthy.emails().size() + "/" + EVENTS + "; recorded reasons " + reasons + "; RSS "
                        + rssBefore / 1024 + " MiB before, peak " + peakRss / 1024 + " MiB (-Xmx256m)");
            }
        } finally {
            hostile.values().forEach(HostileReceiver::close);
        }
    }

    /** Distinct error texts (and statuses) recorded for the endpoint's attempts. */
    private static Set<String> errors(AppProcess app, String endpoint) {
        Set<String> errors = new TreeSet<>();
        for (JsonNode view : Api.deliveryViews(app, endpoint)) {
            for (JsonNode a : view.get("attempts")) {
                if (a.hasNonNull("error")) {
                    errors.add(a.get("error").asText());
                } else if (a.hasNonNull("statusCode")) {
                    errors.add("succeeded with " + a.get("statusCode").asInt());
                }
            }
        }
        return errors;
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
