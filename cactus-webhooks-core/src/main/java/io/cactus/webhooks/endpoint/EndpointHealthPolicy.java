package io.cactus.webhooks.endpoint;

import java.time.Duration;

/**
 * When an endpoint is paused and when it is disabled.
 *
 * <p>After {@code failureThreshold} failed attempts in a row the endpoint is paused for
 * {@code pause}; then one probe attempt goes through. A failed probe pauses it again for twice as
 * long, up to {@code maxPause}; a success closes the circuit. An endpoint whose failure streak has
 * lasted longer than {@code disableAfter} is disabled.
 *
 * @param failureThreshold consecutive failures that pause an endpoint; at least 1
 * @param pause the first pause
 * @param maxPause the longest pause
 * @param disableAfter how long an endpoint may keep failing before it is disabled
 */
public record EndpointHealthPolicy(int failureThreshold, Duration pause, Duration maxPause, Duration disableAfter) {

    /** 5 failures, 30 s pause doubling up to 10 min, disabled after 5 days of failing. */
    public static final EndpointHealthPolicy DEFAULT =
            new EndpointHealthPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofDays(5));

    public EndpointHealthPolicy {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
        if (pause == null || pause.isNegative() || pause.isZero()) {
            throw new IllegalArgumentException("pause must be positive, was " + pause);
        }
        if (maxPause == null || maxPause.compareTo(pause) < 0) {
            throw new IllegalArgumentException("maxPause must be at least pause, was " + maxPause);
        }
        if (disableAfter == null || disableAfter.isNegative() || disableAfter.isZero()) {
            throw new IllegalArgumentException("disableAfter must be positive, was " + disableAfter);
        }
    }
}
