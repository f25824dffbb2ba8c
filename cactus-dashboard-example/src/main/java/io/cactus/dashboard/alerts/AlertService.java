package io.cactus.dashboard.alerts;

import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.events.AlertRaised;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Stores alerts and forwards each as an {@code alert.raised} webhook to the endpoint named
 * {@value #ALERTS_ENDPOINT}, when there is one (configured from {@code ALERT_WEBHOOK_URL} by
 * {@link AlertsEndpointSetup}, or added on the endpoints page). Alerts about that endpoint itself
 * are only stored: forwarding them could loop.
 */
@Service
public class AlertService {

    /** The endpoint alerts are forwarded to. */
    public static final String ALERTS_ENDPOINT = "alerts";

    /** The event type of a forwarded alert. */
    public static final String ALERT_RAISED = AlertRaised.TYPE;

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertRepository alerts;
    // Lazy: the Webhooks bean is built with the alert listener, which needs this service.
    private final ObjectProvider<Webhooks> webhooks;
    private final Clock clock;

    AlertService(AlertRepository alerts, ObjectProvider<Webhooks> webhooks, Clock clock) {
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public Alert raise(Alert.Kind kind, String endpointId, String deliveryId, String message) {
        Alert alert = alerts.insert(kind, endpointId, deliveryId, message, Rows.truncate(clock.instant()));
        log.warn("Alert {} {} on endpoint {}: {}", alert.id(), kind, endpointId, message);
        forward(alert);
        return alert;
    }

    private void forward(Alert alert) {
        Webhooks direct = webhooks.getIfAvailable();
        if (direct == null || ALERTS_ENDPOINT.equals(alert.endpointId())) {
            return;
        }
        try {
            AlertRaised data = new AlertRaised(alert.id(), alert.kind().name(), alert.endpointId(), alert.deliveryId(),
                    alert.message(), alert.raisedAt());
            direct.admin().publishTo(WebhookEvent.of(EventType.of(ALERT_RAISED), data, clock), List.of(ALERTS_ENDPOINT));
        } catch (IllegalArgumentException e) {
            // no enabled "alerts" endpoint: the alert is stored and shown, which is enough
            log.debug("Alert {} not forwarded: {}", alert.id(), e.getMessage());
        }
    }

    public long openCount() {
        return alerts.countOpen();
    }

    public List<Alert> latest() {
        return alerts.latest(200);
    }

    public boolean acknowledge(long id) {
        return alerts.acknowledge(id, Rows.truncate(clock.instant()));
    }

    public int acknowledgeAll() {
        return alerts.acknowledgeAll(Rows.truncate(clock.instant()));
    }
}
