package io.cactus.webhooks.spi;

import io.cactus.webhooks.delivery.AttemptOutcome;

/**
 * One attempt being observed, from {@link WebhookObserver#attemptStarted}: told its outcome once,
 * when the response was read or the attempt failed, before the outcome is stored.
 *
 * <p>Called on a dispatcher thread, possibly another than the one that started the attempt; must
 * not block. An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface AttemptObservation {

    /** Observes nothing. */
    AttemptObservation NONE = outcome -> {
    };

    /**
     * The attempt ended.
     *
     * @param outcome a response, or a failure with its kind
     */
    void finished(AttemptOutcome outcome);
}
