package io.cactus.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The record of one attempt: which delivery, which attempt, when, and its {@link AttemptOutcome}.
 *
 * <p>Immutable and thread-safe. Read back from a store, the outcome has no cause and no
 * {@code Retry-After}.
 *
 * @param deliveryId the delivery
 * @param attempt the attempt number within its round, from 1
 * @param startedAt when the request started
 * @param outcome what happened
 */
public record DeliveryAttempt(String deliveryId, int attempt, Instant startedAt, AttemptOutcome outcome) {

    /** Most response body characters kept. */
    public static final int MAX_EXCERPT = 4096;

    /**
     * Checks the components.
     *
     * @param deliveryId the delivery
     * @param attempt the attempt number, from 1
     * @param startedAt when the request started
     * @param outcome what happened
     * @throws IllegalArgumentException if a value is null, the id blank, or the attempt below 1
     */
    public DeliveryAttempt {
        if (deliveryId == null || deliveryId.isBlank()) {
            throw new IllegalArgumentException("deliveryId must not be null or blank");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        if (startedAt == null || outcome == null) {
            throw new IllegalArgumentException("startedAt and outcome must not be null");
        }
    }

    /**
     * Whether the receiver answered 2xx.
     *
     * @return {@link AttemptOutcome#succeeded()} of the outcome
     */
    public boolean succeeded() {
        return outcome.succeeded();
    }

    /**
     * Until the response was read or the attempt failed.
     *
     * @return the outcome's duration
     */
    public Duration duration() {
        return outcome.duration();
    }

    /**
     * The HTTP status.
     *
     * @return the status, or null when no response came
     */
    public @Nullable Integer statusCode() {
        return outcome.statusCode();
    }

    /**
     * Why no usable response came.
     *
     * @return the failure kind, or null when a whole response was read
     */
    public @Nullable FailureKind failure() {
        return outcome.failure();
    }

    /**
     * Why it failed, as text.
     *
     * @return {@code timeout}, {@code HTTP 503}, ...; null for a clean 2xx
     */
    public @Nullable String error() {
        return outcome.error();
    }

    /**
     * The start of the response body as text.
     *
     * @return at most the first {@value #MAX_EXCERPT} characters, or null
     */
    public @Nullable String responseExcerpt() {
        return outcome.responseExcerpt();
    }
}
