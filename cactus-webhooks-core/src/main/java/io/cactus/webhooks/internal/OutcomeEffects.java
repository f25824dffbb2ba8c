package io.cactus.webhooks.internal;

import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.delivery.RetryPolicy.Decision;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.internal.EndpointHealthTracker.Transition;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a stored attempt outcome: the log line, the listeners, and the endpoint's health
 * (pause, recovery, disabling).
 */
final class OutcomeEffects {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.Dispatcher");

    private final DeliveryStore store;
    private final EndpointRegistry registry;
    private final RetryPolicy retryPolicy;
    private final EndpointHealthTracker health;
    private final Listeners listeners;
    private final Clock clock;
    private final OperationalEventEmitter operational;

    OutcomeEffects(DeliveryStore store, EndpointRegistry registry, RetryPolicy retryPolicy,
            EndpointHealthTracker health, Listeners listeners, Clock clock, OperationalEventEmitter operational) {
        this.operational = operational;
        this.store = store;
        this.registry = registry;
        this.retryPolicy = retryPolicy;
        this.health = health;
        this.listeners = listeners;
        this.clock = clock;
    }

    /**
     * Logs a stored outcome, tells the listeners and updates the endpoint's health.
     *
     * @return what the outcome changed in the endpoint's health
     */
    Transition apply(ClaimedDelivery claim, @Nullable Endpoint endpoint, AttemptRecord r, Decision decision) {
        DeliveryAttempt a = r.attempt();
        AttemptOutcome outcome = a.outcome();
        Instant now = clock.instant();
        if (outcome.failure() == FailureKind.ENDPOINT_UNAVAILABLE || endpoint == null) {
            log.info("Webhook delivery {} cancelled: {} ({})", a.deliveryId(), outcome.error(), claim.message().id());
            return Transition.NONE; // nothing was sent: not an attempt for listeners or health
        }
        AttemptEvent event = new AttemptEvent(a.deliveryId(), claim.message().id(), endpoint.id(),
                endpoint.url(), claim.message().type().name(), retryPolicy.maxAttempts(), a, r.newStatus(),
                r.nextAttemptAt());
        if (r.newStatus() == DeliveryStatus.SUCCEEDED) {
            log.debug("Webhook sent: {} -> {} ({}, attempt {}/{}, {} in {} ms)", event.eventType(),
                    LogText.url(endpoint.url()), event.messageId(), a.attempt(), event.maxAttempts(),
                    a.statusCode(), a.duration().toMillis());
            listeners.attemptSucceeded(event);
            Transition t = health.onSuccess(endpoint.id(), now);
            if (t == Transition.RECOVERED) {
                log.info("Webhook endpoint {} recovered", endpoint.id());
                listeners.endpointRecovered(endpoint.id());
                operational.recovered(event, now);
            }
            return t;
        }
        String why = describe(outcome);
        if (r.newStatus() == DeliveryStatus.RETRYING) {
            log.info("Webhook failed: {} -> {}: {} ({}, attempt {}/{}), next attempt in {}", event.eventType(),
                    LogText.url(endpoint.url()), why, event.messageId(), a.attempt(), event.maxAttempts(),
                    LogText.duration(Duration.between(now, r.nextAttemptAt())));
        } else if (decision.disablesEndpoint()) {
            log.warn("Webhook failed: {} -> {}: {} ({}, attempt {}/{}), endpoint answered 410 Gone",
                    event.eventType(), LogText.url(endpoint.url()), why, event.messageId(), a.attempt(),
                    event.maxAttempts());
        } else {
            log.warn("Webhook failed: {} -> {}: {} ({}, attempt {}/{}), giving up{}: delivery {} is {}",
                    event.eventType(), LogText.url(endpoint.url()), why, event.messageId(), a.attempt(),
                    event.maxAttempts(), outcome.isPermanentFailure() ? " (permanent failure)" : "",
                    a.deliveryId(), r.newStatus().name().toLowerCase(java.util.Locale.ROOT));
        }
        listeners.attemptFailed(event);
        if (r.newStatus() == DeliveryStatus.DEAD) {
            listeners.deliveryDead(event);
            operational.dead(event, now);
        }
        if (decision.disablesEndpoint()) {
            disable(endpoint.id(), "it answered 410 Gone", now, event, false);
            return Transition.DISABLE;
        }
        if (outcome.isPermanentFailure()) {
            return Transition.NONE; // our side's fault (policy, request, secret), not the receiver's health
        }
        EndpointHealthTracker.Failure failure = health.onFailure(endpoint.id(), now);
        Transition t = failure.transition();
        Instant until = failure.pausedUntil();
        if (until != null) { // set exactly when t is PAUSED
            int failures = health.consecutiveFailures(endpoint.id());
            log.warn("Webhook endpoint {} paused after {} failures in a row; next probe at {}", endpoint.id(),
                    failures, until);
            listeners.endpointPaused(endpoint.id(), failures, until);
            operational.paused(event, failures, until, now);
        } else if (t == Transition.DISABLE) {
            // this node's failure won the transition to DISABLED in the health store
            disable(endpoint.id(), "it kept failing for longer than allowed", now, event, true);
        }
        return t;
    }

    /**
     * The error text with the kind and the exception's class; for I/O failures also its message
     * (host and port at most). Refused and invalid requests keep only the class: their exceptions
     * quote the URL, whose query may hold a credential.
     */
    private static @Nullable String describe(AttemptOutcome outcome) {
        String error = outcome.error();
        Throwable cause = outcome.cause();
        if (cause == null) {
            return outcome.failure() == null ? error : error + " [" + outcome.failure() + "]";
        }
        String m = outcome.isPermanentFailure() ? null : cause.getMessage();
        return error + " [" + outcome.failure() + ": " + cause.getClass().getName() + (m == null ? "" : ": " + m) + "]";
    }

    /** Disables an endpoint and cancels its pending deliveries. */
    void disable(String endpointId, String reason, Instant now) {
        disable(endpointId, reason, now, null, false);
    }

    /**
     * @param cause the attempt that disabled it, or null when disabled from outside
     * @param won whether this node already won the transition to DISABLED (a failure streak that
     *     ran too long); otherwise the health store's update below decides, so that of several
     *     nodes disabling one endpoint at once one raises the operational event
     */
    private void disable(String endpointId, String reason, Instant now, @Nullable AttemptEvent cause, boolean won) {
        registry.setEnabled(endpointId, false);
        int cancelled = store.cancelPending(endpointId, now);
        // last: a failure to note it must not keep the endpoint enabled
        boolean transitioned = health.disabled(endpointId) || won;
        log.warn("Webhook endpoint {} disabled: {}; {} pending deliveries cancelled", endpointId, reason, cancelled);
        listeners.endpointDisabled(endpointId, reason);
        if (transitioned) {
            operational.disabled(endpointId, reason, cause, now);
        }
    }
}
