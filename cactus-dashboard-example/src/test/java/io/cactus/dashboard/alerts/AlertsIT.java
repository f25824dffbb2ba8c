package io.cactus.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.dashboard.webhooks.DashboardReasons;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The dispatcher's bad news, as the listener hears it, becomes a stored alert, a banner and an acknowledge button. */
class AlertsIT extends ApiTestSupport {

    @Autowired
    AlertListener listener;

    @Test
    void deadDeliveryRaisesAnAlertShownAsBannerUntilAcknowledged() throws Exception {
        PageClient browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
        browser.post("/alerts/acknowledge-all", Map.of("_csrf", PageClient.csrfToken(browser.get("/alerts").body())));
        assertThat(browser.get("/clients").body()).doesNotContain("alert-banner");

        listener.onDeliveryDead(new AttemptEvent("dlv_alert_test", "msg_alert_test", "crm",
                URI.create("https://crm.example.com/hook"), EventType.of("client.created").name(), 3,
                new DeliveryAttempt("dlv_alert_test", 3, Instant.now(),
                        AttemptOutcome.response(503, null, "down", Duration.ofMillis(12))),
                DeliveryStatus.DEAD, null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM alerts WHERE delivery_id = 'dlv_alert_test'") == 1);

        String clients = browser.get("/clients").body();
        assertThat(clients).contains("alert-banner", "open webhook alert");
        String alerts = browser.get("/alerts").body();
        assertThat(alerts).contains("DELIVERY_DEAD", "dlv_alert_test", "HTTP 503");

        long id = jdbc.queryForObject("SELECT id FROM alerts WHERE delivery_id = 'dlv_alert_test'", Long.class);
        browser.post("/alerts/" + id + "/acknowledge", Map.of("_csrf", PageClient.csrfToken(alerts)));

        assertThat(count("SELECT COUNT(*) FROM alerts WHERE id = ? AND acknowledged_at IS NOT NULL", id)).isEqualTo(1);
        assertThat(browser.get("/clients").body()).doesNotContain("alert-banner");
    }

    @Test
    void pausedAndDisabledEndpointsRaiseAlertsButADisableByHandDoesNot() {
        listener.onEndpointPaused("flaky", 5, Instant.parse("2030-01-01T00:00:00Z"));
        listener.onEndpointDisabled("gone", "answered 410 Gone");
        listener.onEndpointDisabled("quiet", DashboardReasons.DISABLED_BY_HAND);

        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT COUNT(*) FROM alerts WHERE endpoint_id IN ('flaky', 'gone')") == 2);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE kind = 'ENDPOINT_PAUSED' AND endpoint_id = 'flaky'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE kind = 'ENDPOINT_DISABLED' AND endpoint_id = 'gone' AND message LIKE '%410 Gone%'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE endpoint_id = 'quiet'")).isZero();
    }
}
