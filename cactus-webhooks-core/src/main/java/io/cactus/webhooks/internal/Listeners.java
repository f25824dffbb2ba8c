package io.cactus.webhooks.internal;

import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, so that one failing listener neither stops the others nor the dispatcher. */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<DeliveryListener> listeners;

    Listeners(List<DeliveryListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(String what, Consumer<DeliveryListener> call) {
        for (DeliveryListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("Delivery listener {} failed in {}", l.getClass().getName(), what, e);
            }
        }
    }

    void attemptSucceeded(AttemptEvent e) {
        each("onAttemptSucceeded", l -> l.onAttemptSucceeded(e));
    }

    void attemptFailed(AttemptEvent e) {
        each("onAttemptFailed", l -> l.onAttemptFailed(e));
    }

    void deliveryDead(AttemptEvent e) {
        each("onDeliveryDead", l -> l.onDeliveryDead(e));
    }

    void endpointPaused(String id, int failures, Instant until) {
        each("onEndpointPaused", l -> l.onEndpointPaused(id, failures, until));
    }

    void endpointDisabled(String id, String reason) {
        each("onEndpointDisabled", l -> l.onEndpointDisabled(id, reason));
    }

    void retentionRun(io.cactus.webhooks.delivery.RetentionReport report) {
        each("onRetentionRun", l -> l.onRetentionRun(report));
    }

    void operationalEvent(io.cactus.webhooks.operational.OperationalEvent e) {
        each("onOperationalEvent", l -> l.onOperationalEvent(e));
    }

    void endpointRecovered(String id) {
        each("onEndpointRecovered", l -> l.onEndpointRecovered(id));
    }
}
