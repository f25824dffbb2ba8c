package io.cactus.dashboard.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overview shows retention (on, its windows, the last run, the oldest kept) and runs it on demand. */
class RetentionPanelIT extends ApiTestSupport {

    @Test
    void theOverviewShowsTheRetentionWindowsAndRunsRetentionOnDemand() throws Exception {
        PageClient browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
        String overview = text(browser.get("/").body());
        assertThat(overview).contains("Retention (every 1h, batches of 5000)", "SUCCEEDED 14d", "DEAD 30d",
                "CANCELLED 30d", "payloads 7d", "Run retention now");

        // one delivery finished 40 days ago (past every window), one an hour ago
        seedFinished("dlv_retention_old", "DATEADD('DAY', -40, CURRENT_TIMESTAMP)");
        seedFinished("dlv_retention_new", "DATEADD('HOUR', -1, CURRENT_TIMESTAMP)");

        HttpResponse<String> run = browser.submit("/", "/retention/run", Map.of());
        assertThat(run.statusCode()).isEqualTo(302);
        assertThat(run.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/#retention"));

        String after = text(browser.get("/").body());
        assertThat(after).containsPattern("Retention ran: [1-9][0-9]* deliveries, [0-9]+ messages deleted")
                .containsPattern("Last run [0-9]+s ago: [1-9][0-9]* deliveries and [0-9]+ messages deleted")
                // the oldest succeeded delivery kept is at most the hour-old one (younger ones may exist)
                .containsPattern("SUCCEEDED 14d (([0-9]+[sm]( [0-9]+s)?)|1h) old [1-9][0-9]*");
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_deliveries WHERE id = 'dlv_retention_old'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_deliveries WHERE id = 'dlv_retention_new'")).isOne();
    }

    private void seedFinished(String id, String finishedAt) {
        String message = "msg_" + id.substring(4);
        jdbc.update("INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload) VALUES (?, 'retention.test', "
                + finishedAt + ", X'7b7d')", message);
        jdbc.update("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts, created_at,"
                + " last_attempt_at, finished_at, last_status_code) VALUES (?, ?, 'retention-seed', 'SUCCEEDED', 1, "
                + finishedAt + ", " + finishedAt + ", " + finishedAt + ", 200)", id, message);
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }
}
