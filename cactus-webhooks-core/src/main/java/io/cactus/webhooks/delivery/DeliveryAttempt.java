package io.cactus.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The record of one attempt: which delivery, which attempt, when, and its {@link AttemptOutcome}.
 *
 * @param deliveryId the delivery
 * @param attempt the attempt number within its round, from 1
 * @param startedAt when the request started
 * @param outcome what happened
 */
public record DeliveryAttempt(String deliveryId, int attempt, Instant startedAt, AttemptOutcome outcome) {

    /** Most response body characters kept. */
    public static final int MAX_EXCERPT = 4096;

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

    /** Whether the receiver answered 2xx. */
    public boolean succeeded() {
        return outcome.succeeded();
    }

    /** Until the response was read or the attempt failed. */
    public Duration duration() {
        return outcome.duration();
    }

    /** The HTTP status, or null when no response came. */
    public @Nullable Integer statusCode() {
        return outcome.statusCode();
    }

    /** Why it failed, or null when a response came. */
    public @Nullable FailureKind failure() {
        return outcome.failure();
    }

    /** Why it failed as text ({@code timeout}, {@code HTTP 503}, ...), or null on success. */
    public @Nullable String error() {
        return outcome.error();
    }

    /** The first 4 KiB of the response body as text, or null. */
    public @Nullable String responseExcerpt() {
        return outcome.responseExcerpt();
    }
}
