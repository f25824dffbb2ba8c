package io.cactus.webhooks.operational;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import org.jspecify.annotations.Nullable;

/**
 * The failed attempt an operational event is about: its failure kind, its HTTP status, or both,
 * and a short error text. Never a header, a payload, a response body or a secret: the text is the
 * attempt's {@link AttemptOutcome#error()} (such as {@code HTTP 503} or {@code timeout}), which the
 * transport keeps free of secrets, cut to {@value #MAX_ERROR} characters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind why no usable response came, or null when a response was read
 * @param httpStatus the status that was read, or null when none was
 * @param error a short text for people, at most {@value #MAX_ERROR} characters
 */
public record LastFailure(@Nullable FailureKind kind, @Nullable Integer httpStatus, String error) {

    /** Most characters of {@link #error()} kept. */
    public static final int MAX_ERROR = 200;

    /**
     * Checks the parts and cuts the error text.
     *
     * @param kind the failure kind, or null
     * @param httpStatus the HTTP status, or null
     * @param error the text
     * @throws IllegalArgumentException if both kind and status are null, or the error is null or blank
     */
    public LastFailure {
        if (kind == null && httpStatus == null) {
            throw new IllegalArgumentException("a last failure needs a failure kind or an HTTP status");
        }
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("error must not be null or blank");
        }
        error = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    /**
     * The failure of an attempt's outcome.
     *
     * @param outcome a failed outcome
     * @return its kind, status and error text
     * @throws IllegalArgumentException if the outcome succeeded
     */
    public static LastFailure of(AttemptOutcome outcome) {
        String error = outcome.error();
        if (outcome.succeeded() || error == null) {
            throw new IllegalArgumentException("outcome succeeded: it is not a failure");
        }
        return new LastFailure(outcome.failure(), outcome.statusCode(), error);
    }
}
