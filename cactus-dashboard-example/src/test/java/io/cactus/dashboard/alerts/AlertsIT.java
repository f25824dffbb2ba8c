package io.cactus.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.dashboard.webhooks.DashboardReasons;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.operational.LastFailure;
import io.cactus.webhooks.operational.OperationalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The library's operational events, as the listener hears them, become a stored alert, a banner and an acknowledge button. */
class AlertsIT extends ApiTestSupport {

    @Autowired
    AlertListener listener;

    @Test
    void deadDeliveryRaisesAnAlertShownAsBannerUntilAcknowledged() throws Exception {
        PageClient browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
        browser.post("/alerts/acknowledge-all", Map.of("_csrf", PageClient.csrfToken(browser.get("/alerts").body())));
        assertThat(browser.get("/clients").body()).doesNotContain("alert-banner");

        listener.onOperationalEvent(new OperationalEvent.DeliveryDead("crm", "dlv_alert_test", EventType.of("client.created"),
                "msg_alert_test", 3, new LastFailure(null, 503, "HTTP 503"), Instant.now()));
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
    void pausedAndDisabledEndpointsRaiseAlertsButADisableByHandOrARecoveryDoesNot() {
        LastFailure failure = new LastFailure(FailureKind.TIMEOUT, null, "timeout");
        listener.onOperationalEvent(new OperationalEvent.EndpointPaused("flaky", 5, Instant.parse("2030-01-01T00:00:00Z"),
                EventType.of("client.created"), "msg_1", failure, Instant.now()));
        listener.onOperationalEvent(new OperationalEvent.EndpointDisabled("gone", "answered 410 Gone",
                EventType.of("client.created"), "msg_2", new LastFailure(null, 410, "HTTP 410"), Instant.now()));
        listener.onOperationalEvent(new OperationalEvent.EndpointDisabled("quiet", DashboardReasons.DISABLED_BY_HAND,
                null, null, null, Instant.now()));
        listener.onOperationalEvent(new OperationalEvent.EndpointRecovered("back", EventType.of("client.created"), "msg_3",
                Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT COUNT(*) FROM alerts WHERE endpoint_id IN ('flaky', 'gone')") == 2);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE kind = 'ENDPOINT_PAUSED' AND endpoint_id = 'flaky'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE kind = 'ENDPOINT_DISABLED' AND endpoint_id = 'gone' AND message LIKE '%410 Gone%'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE endpoint_id IN ('quiet', 'back')")).isZero();
    }
}
