package io.cactus.webhooks.delivery;

import java.time.Instant;

/**
 * Hears what the dispatcher does: for metrics, logs and alerts. Every method has an empty default.
 *
 * <p>Called on the dispatcher's own threads after the outcome is stored: keep it quick and do not
 * block. An exception thrown here is logged and otherwise ignored.
 */
public interface DeliveryListener {

    /** An attempt got a 2xx answer; the delivery is SUCCEEDED. */
    default void onAttemptSucceeded(AttemptEvent event) {
    }

    /** An attempt failed; {@code event.newStatus()} says whether it is RETRYING, DEAD or CANCELLED. */
    default void onAttemptFailed(AttemptEvent event) {
    }

    /** A delivery used its last attempt and is DEAD. Called after {@link #onAttemptFailed}. */
    default void onDeliveryDead(AttemptEvent event) {
    }

    /** An endpoint failed too often in a row; no attempts go to it until {@code until}, then one probe. */
    default void onEndpointPaused(String endpointId, int consecutiveFailures, Instant until) {
    }

    /** An endpoint was disabled (it answered 410 Gone, or kept failing too long); its pending deliveries are cancelled. */
    default void onEndpointDisabled(String endpointId, String reason) {
    }

    /** A paused endpoint answered 2xx again. */
    default void onEndpointRecovered(String endpointId) {
    }
}
