package io.cactus.webhooks.internal;

import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.AttemptObservation;
import io.cactus.webhooks.spi.AttemptStart;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.WebhookObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the application's {@link WebhookObserver} so that a failing one never stops a publish or an
 * attempt, and so that without one ({@link WebhookObserver#NONE}) nothing is allocated.
 */
public final class Observer {

    private static final Logger log = LoggerFactory.getLogger(Observer.class);

    private final WebhookObserver observer;
    private final boolean none;

    public Observer(WebhookObserver observer) {
        this.observer = observer;
        this.none = observer == WebhookObserver.NONE;
    }

    /** The publishing thread's trace context, or null (none, or the observer failed). */
    @Nullable W3cTraceContext currentTraceContext() {
        if (none) {
            return null;
        }
        try {
            return observer.currentTraceContext();
        } catch (RuntimeException e) {
            log.warn("Webhook observer {} failed to read the trace context; publishing without it",
                    observer.getClass().getName(), e);
            return null;
        }
    }

    /** Starts observing one attempt; {@code endpoint} is null when it is unknown (removed). */
    AttemptObservation attemptStarted(ClaimedDelivery claim, @Nullable Endpoint endpoint) {
        if (none) {
            return AttemptObservation.NONE;
        }
        WebhookMessage m = claim.message();
        try {
            AttemptObservation started = observer.attemptStarted(new AttemptStart(claim.deliveryId(), m.id(),
                    claim.endpointId(), endpoint == null || !endpoint.enabled() ? null : endpoint.url(), m.type(),
                    claim.attempt(), m.traceContext().orElse(null)));
            return started == null ? AttemptObservation.NONE : new Guarded(started, observer);
        } catch (RuntimeException e) {
            log.warn("Webhook observer {} failed to start observing attempt {} of {}",
                    observer.getClass().getName(), claim.attempt(), claim.deliveryId(), e);
            return AttemptObservation.NONE;
        }
    }

    private record Guarded(AttemptObservation delegate, WebhookObserver observer) implements AttemptObservation {
        @Override
        public void finished(AttemptOutcome outcome) {
            try {
                delegate.finished(outcome);
            } catch (RuntimeException e) {
                log.warn("Webhook observer {} failed to finish observing an attempt", observer.getClass().getName(), e);
            }
        }
    }
}
