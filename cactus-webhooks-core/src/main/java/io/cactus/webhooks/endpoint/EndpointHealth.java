package io.cactus.webhooks.endpoint;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How an endpoint is doing, as this process's dispatcher sees it: a snapshot. Immutable and
 * thread-safe.
 *
 * @param endpointId the endpoint
 * @param state healthy, paused, probing or disabled
 * @param consecutiveFailures failed attempts since the last success
 * @param failingSince when the current failure streak began, or null
 * @param pausedUntil when a paused endpoint is probed again, or null
 */
public record EndpointHealth(String endpointId, State state, int consecutiveFailures, @Nullable Instant failingSince,
        @Nullable Instant pausedUntil) {

    /** The circuit states of an endpoint. */
    public enum State {
        /** Attempts flow normally (possibly with some failures). */
        HEALTHY,
        /** Too many failures in a row: no attempts until the pause ends. */
        PAUSED,
        /** The pause ended: one attempt is let through to test the endpoint. */
        PROBING,
        /** Disabled: it answered 410 Gone or failed longer than allowed. */
        DISABLED
    }
}
