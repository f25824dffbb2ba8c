package io.cactus.webhooks.delivery;

import java.time.Instant;

/**
 * Hears what the dispatcher does: for metrics, logs and alerts. Every method has an empty default.
 * Register one with {@link io.cactus.webhooks.Webhooks.Builder#listener}.
 *
 * <p>The attempt methods are called on the dispatcher's own thread after the outcome is stored,
 * only for outcomes the store applied (an outcome whose lease was lost is reported to nobody).
 * Endpoint changes are called where they happen (and {@link #onRetentionRun} where retention
 * ran): on the dispatcher's thread, or, for
 * {@link io.cactus.webhooks.WebhookAdmin#disable} and
 * {@link io.cactus.webhooks.WebhookAdmin#saveEndpoint}, on the caller's thread. So implementations
 * must be thread-safe; keep them quick and do not block. An exception thrown here is logged and
 * otherwise ignored: it stops neither the other listeners nor the dispatcher. A delivery cancelled
 * because its endpoint was disabled or removed is not an attempt and is not reported.
 */
public interface DeliveryListener {

    /**
     * An attempt got a 2xx answer; the delivery is SUCCEEDED.
     *
     * @param event the attempt and its delivery
     */
    default void onAttemptSucceeded(AttemptEvent event) {
    }

    /**
     * An attempt failed; {@code event.newStatus()} says whether it is RETRYING, DEAD or CANCELLED
     * (CANCELLED after {@code 410 Gone}, which also disables the endpoint).
     *
     * @param event the attempt and its delivery
     */
    default void onAttemptFailed(AttemptEvent event) {
    }

    /**
     * A delivery is DEAD: it used its last attempt, failed permanently, or got an answer the retry
     * policy does not retry. Called after {@link #onAttemptFailed} for the same event.
     *
     * @param event the last attempt and its delivery
     */
    default void onDeliveryDead(AttemptEvent event) {
    }

    /**
     * An endpoint failed too often in a row, or its probe failed; no attempts go to it until
     * {@code until}, then one probe.
     *
     * @param endpointId the endpoint
     * @param consecutiveFailures its failures in a row
     * @param until when the pause ends
     */
    default void onEndpointPaused(String endpointId, int consecutiveFailures, Instant until) {
    }

    /**
     * An endpoint was disabled: it answered 410 Gone, kept failing too long, or was disabled
     * through {@link io.cactus.webhooks.WebhookAdmin}. Its pending deliveries are cancelled by then.
     *
     * @param endpointId the endpoint
     * @param reason why, for people: such as {@code it answered 410 Gone} or {@code disabled by hand}
     */
    default void onEndpointDisabled(String endpointId, String reason) {
    }

    /**
     * A paused or probing endpoint answered 2xx again; attempts flow normally.
     *
     * @param endpointId the endpoint
     */
    default void onEndpointRecovered(String endpointId) {
    }

    /**
     * An operational event was raised (see {@link io.cactus.webhooks.operational.OperationalEvents}):
     * once per transition across the nodes sharing a store, on the node that won it, after the event
     * was stored for the operator endpoint (or found that endpoint missing or disabled). Called on
     * the operational events thread, never on a dispatcher thread; only when operational events are
     * on, and only for the kinds configured. The operator endpoint's own troubles raise none.
     *
     * @param event the event, the same record whose fields are sent as the webhook's {@code data}
     */
    default void onOperationalEvent(io.cactus.webhooks.operational.OperationalEvent event) {
    }

    /**
     * A retention run ended (see {@link RetentionPolicy}): on the retention thread after a scheduled
     * run, on the caller's thread after {@link io.cactus.webhooks.WebhookAdmin#runRetention()}. Also
     * called when the run was skipped because another node holds the retention lease
     * ({@link RetentionReport#ran()} false), with the oldest finished deliveries read all the same.
     *
     * @param report what the run deleted and expunged, in how many batches
     */
    default void onRetentionRun(RetentionReport report) {
    }
}
