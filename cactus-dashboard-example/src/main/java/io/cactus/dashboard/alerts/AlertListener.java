package io.cactus.dashboard.alerts;

import io.cactus.dashboard.webhooks.DashboardReasons;
import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the dispatcher's bad news into alerts. The dispatcher calls listeners on its own threads,
 * so the work (a database insert, maybe a webhook) is handed to one background thread with a
 * bounded queue: the dispatcher never waits, and under a flood the surplus is dropped with a WARN.
 */
@Component
class AlertListener implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

    private final AlertService alerts;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "cactus-alerts");
                thread.setDaemon(true);
                return thread;
            }, (runnable, pool) -> log.warn("Alert queue full; an alert was dropped"));

    AlertListener(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void onDeliveryDead(AttemptEvent event) {
        String error = event.attempt().error() != null ? event.attempt().error()
                : event.attempt().statusCode() != null ? "HTTP " + event.attempt().statusCode() : "unknown error";
        raise(Alert.Kind.DELIVERY_DEAD, event.endpointId(), event.deliveryId(),
                "Delivery " + event.deliveryId() + " (" + event.eventType() + ") to endpoint '" + event.endpointId()
                        + "' died after " + event.attempt().attempt() + " attempts; last: " + error);
    }

    @Override
    public void onEndpointPaused(String endpointId, int consecutiveFailures, Instant until) {
        raise(Alert.Kind.ENDPOINT_PAUSED, endpointId, null, "Endpoint '" + endpointId + "' paused after "
                + consecutiveFailures + " failures in a row, until " + until);
    }

    @Override
    public void onEndpointDisabled(String endpointId, String reason) {
        if (DashboardReasons.DISABLED_BY_HAND.equals(reason)) {
            return;
        }
        raise(Alert.Kind.ENDPOINT_DISABLED, endpointId, null, "Endpoint '" + endpointId + "' disabled: " + reason);
    }

    private void raise(Alert.Kind kind, String endpointId, String deliveryId, String message) {
        executor.execute(() -> {
            try {
                alerts.raise(kind, endpointId, deliveryId, message);
            } catch (RuntimeException e) {
                log.error("Could not store alert {} for endpoint {}", kind, endpointId, e);
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
