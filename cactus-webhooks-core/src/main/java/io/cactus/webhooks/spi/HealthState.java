package io.cactus.webhooks.spi;

import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealth.State;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's circuit state as an {@link EndpointHealthStore} keeps it, shared by every
 * dispatcher on that store. Immutable and thread-safe.
 *
 * @param endpointId the endpoint, 1 to {@value OutboundMessage#MAX_ENDPOINT_ID} characters
 * @param state healthy, paused, probing or disabled
 * @param consecutiveFailures failed attempts since the last success, at least 0
 * @param failingSince when the current failure streak began, or null when there is none
 * @param pausedUntil while PAUSED (and PROBING): when the pause ends; otherwise null
 * @param lastPause the length of the latest pause (the next one doubles it), or null
 * @param probeOwner while PROBING: the dispatcher allowed to send the one probe (at most
 *     {@value ClaimRequest#MAX_OWNER} characters); otherwise null
 * @param probeUntil while PROBING: when the probe's lease ends and another dispatcher may probe; otherwise null
 */
public record HealthState(String endpointId, State state, int consecutiveFailures, @Nullable Instant failingSince,
        @Nullable Instant pausedUntil, @Nullable Duration lastPause, @Nullable String probeOwner,
        @Nullable Instant probeUntil) {

    /**
     * Checks the components against each other.
     *
     * @param endpointId the endpoint
     * @param state the circuit state
     * @param consecutiveFailures failed attempts since the last success
     * @param failingSince when the failure streak began, or null
     * @param pausedUntil when the pause ends, or null; required when PAUSED
     * @param lastPause the latest pause's length, or null
     * @param probeOwner the probing dispatcher, or null; required when PROBING
     * @param probeUntil when the probe's lease ends, or null; required when PROBING
     * @throws IllegalArgumentException naming what is wrong
     */
    public HealthState {
        if (endpointId == null || endpointId.isBlank() || endpointId.length() > OutboundMessage.MAX_ENDPOINT_ID) {
            throw new IllegalArgumentException("endpointId must be 1 to " + OutboundMessage.MAX_ENDPOINT_ID
                    + " characters and not blank");
        }
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must not be negative, was " + consecutiveFailures);
        }
        if (state == State.PAUSED && pausedUntil == null) {
            throw new IllegalArgumentException("a PAUSED state needs pausedUntil");
        }
        if (state == State.PROBING && (probeOwner == null || probeUntil == null)) {
            throw new IllegalArgumentException("a PROBING state needs probeOwner and probeUntil");
        }
        if (probeOwner != null && (probeOwner.isBlank() || probeOwner.length() > ClaimRequest.MAX_OWNER)) {
            throw new IllegalArgumentException("probeOwner must be 1 to " + ClaimRequest.MAX_OWNER
                    + " characters and not blank");
        }
        if (lastPause != null && lastPause.isNegative()) {
            throw new IllegalArgumentException("lastPause must not be negative, was " + lastPause);
        }
    }

    /**
     * The state of an endpoint nothing is stored for: healthy, no failures.
     *
     * @param endpointId the endpoint
     * @return a clean state
     * @throws IllegalArgumentException if the id is null, blank or too long
     */
    public static HealthState healthy(String endpointId) {
        return new HealthState(endpointId, State.HEALTHY, 0, null, null, null, null, null);
    }

    /**
     * Whether there is nothing worth storing.
     *
     * @return true when HEALTHY without failures
     */
    public boolean isClean() {
        return state == State.HEALTHY && consecutiveFailures == 0;
    }

    /**
     * The public view of this state.
     *
     * @return the endpoint's health; {@code pausedUntil} only while PAUSED
     */
    public EndpointHealth view() {
        return new EndpointHealth(endpointId, state, consecutiveFailures, failingSince,
                state == State.PAUSED ? pausedUntil : null);
    }
}
