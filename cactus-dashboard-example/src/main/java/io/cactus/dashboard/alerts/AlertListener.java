package io.cactus.dashboard.alerts;

import io.cactus.dashboard.webhooks.DashboardReasons;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.operational.LastFailure;
import io.cactus.webhooks.operational.OperationalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the library's operational events into stored alerts: the same events the library sends,
 * signed, to the operator endpoint {@value AlertService#ALERTS_ENDPOINT}
 * ({@code cactus.webhooks.operational-events.endpoint}), so the alerts page and that endpoint have
 * one source. Each event is raised once per transition (also with several nodes), and heard here
 * on the library's operational events thread, never on a dispatcher thread. A recovery is not an
 * alert; neither is an endpoint disabled by hand.
 */
@Component
class AlertListener implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

    private final AlertService alerts;

    AlertListener(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void onOperationalEvent(OperationalEvent event) {
        try {
            if (event instanceof OperationalEvent.DeliveryDead d) {
                alerts.raise(Alert.Kind.DELIVERY_DEAD, d.endpointId(), d.deliveryId(), "Delivery " + d.deliveryId()
                        + " (" + d.eventType().name() + ") to endpoint '" + d.endpointId() + "' died after "
                        + d.attempts() + " attempts; last: " + d.lastFailure().error());
            } else if (event instanceof OperationalEvent.EndpointPaused p) {
                alerts.raise(Alert.Kind.ENDPOINT_PAUSED, p.endpointId(), null, "Endpoint '" + p.endpointId()
                        + "' paused after " + p.consecutiveFailures() + " failures in a row, until " + p.pausedUntil()
                        + "; last: " + p.lastFailure().error());
            } else if (event instanceof OperationalEvent.EndpointDisabled d
                    && !DashboardReasons.DISABLED_BY_HAND.equals(d.reason())) {
                LastFailure last = d.lastFailure();
                alerts.raise(Alert.Kind.ENDPOINT_DISABLED, d.endpointId(), null, "Endpoint '" + d.endpointId()
                        + "' disabled: " + d.reason() + (last == null ? "" : "; last: " + last.error()));
            }
        } catch (RuntimeException e) {
            log.error("Could not store alert {} for endpoint {}", event.type(), event.endpointId(), e);
        }
    }
}
