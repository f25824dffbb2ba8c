package io.cactus.webhooks.delivery;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt produced: an HTTP status, or a {@link FailureKind} with its cause, or both (a
 * status arrived, then reading the body failed). This one value goes from the transport to the
 * retry policy, the store, the logs and the listeners.
 *
 * <p>{@link #cause()} is kept in memory for logs and listeners only; an outcome read back from a
 * store has none. {@link #detail()} is a short text that never holds a secret (no header values,
 * no request body).
 *
 * <p>Immutable and thread-safe. Accessors marked nullable return null when the part is absent.
 */
public final class AttemptOutcome {

    /** Most characters of {@link #detail()} kept. */
    public static final int MAX_DETAIL = 500;

    private final @Nullable Integer statusCode;
    private final @Nullable FailureKind failure;
    private final @Nullable String detail;
    private final @Nullable Throwable cause;
    private final @Nullable String retryAfter;
    private final @Nullable String responseExcerpt;
    private final Duration duration;

    private AttemptOutcome(@Nullable Integer statusCode, @Nullable FailureKind failure, @Nullable String detail,
            @Nullable Throwable cause, @Nullable String retryAfter, @Nullable String responseExcerpt, Duration duration) {
        if (statusCode == null && failure == null) {
            throw new IllegalArgumentException("an outcome needs a status code or a failure kind");
        }
        if (statusCode != null && (statusCode < 100 || statusCode > 999)) {
            throw new IllegalArgumentException("statusCode must be 100 to 999, was " + statusCode);
        }
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be null or negative, was " + duration);
        }
        this.statusCode = statusCode;
        this.failure = failure;
        this.detail = detail == null ? null : cap(detail, MAX_DETAIL);
        this.cause = cause;
        this.retryAfter = retryAfter;
        this.responseExcerpt = responseExcerpt == null ? null : cap(responseExcerpt, DeliveryAttempt.MAX_EXCERPT);
        this.duration = duration;
    }

    /**
     * A response was read.
     *
     * @param statusCode the HTTP status, 100 to 999
     * @param retryAfter the raw {@code Retry-After} header, or null
     * @param responseExcerpt the start of the body as text, or null
     * @param duration from the start of the request to the end of reading
     * @return the outcome; it {@linkplain #succeeded() succeeded} for a 2xx
     * @throws IllegalArgumentException if the status is not 100 to 999, or the duration is null
     *     or negative
     */
    public static AttemptOutcome response(int statusCode, @Nullable String retryAfter, @Nullable String responseExcerpt,
            Duration duration) {
        return new AttemptOutcome(statusCode, null, null, null, retryAfter, responseExcerpt, duration);
    }

    /**
     * No usable response came.
     *
     * @param kind why
     * @param detail a short text (no secrets), or null for the kind's label
     * @param cause the exception, or null
     * @param duration until the failure
     * @return the outcome, without a status
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException if the duration is null or negative
     */
    public static AttemptOutcome failure(FailureKind kind, @Nullable String detail, @Nullable Throwable cause,
            Duration duration) {
        Objects.requireNonNull(kind, "kind");
        return new AttemptOutcome(null, kind, detail, cause, null, null, duration);
    }

    /**
     * A status arrived, then reading the body failed with {@code kind}. A 2xx still
     * {@linkplain #succeeded() succeeds}; with another status the retry policy treats the outcome
     * as a transient failure (when the kind is transient).
     *
     * @param statusCode the HTTP status, 100 to 999
     * @param retryAfter the raw {@code Retry-After} header, or null
     * @param responseExcerpt the part of the body read, or null
     * @param kind why reading failed
     * @param detail a short text (no secrets), or null for the kind's label
     * @param cause the exception, or null
     * @param duration from the start of the request to the failure
     * @return the outcome, with both a status and a failure kind
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException if the status is not 100 to 999, or the duration is null
     *     or negative
     */
    public static AttemptOutcome responseThenFailure(int statusCode, @Nullable String retryAfter,
            @Nullable String responseExcerpt, FailureKind kind, @Nullable String detail, @Nullable Throwable cause,
            Duration duration) {
        Objects.requireNonNull(kind, "kind");
        return new AttemptOutcome(statusCode, kind, detail, cause, retryAfter, responseExcerpt, duration);
    }

    /**
     * An outcome as a store keeps it (no cause, no {@code Retry-After}).
     *
     * @param statusCode the status, or null
     * @param failure the failure kind, or null
     * @param detail the failure text, or null
     * @param responseExcerpt the stored excerpt, or null
     * @param duration the stored duration
     * @return the outcome; with neither a status nor a failure kind (a row written before kinds
     *     were stored) its kind is {@link FailureKind#IO}
     * @throws IllegalArgumentException if the status is not 100 to 999, or the duration is null
     *     or negative
     */
    public static AttemptOutcome restored(@Nullable Integer statusCode, @Nullable FailureKind failure,
            @Nullable String detail, @Nullable String responseExcerpt, Duration duration) {
        if (statusCode == null && failure == null) {
            // Written before failure kinds were stored: the text is all there is.
            failure = FailureKind.IO;
        }
        return new AttemptOutcome(statusCode, failure, detail, null, null, responseExcerpt, duration);
    }

    /**
     * Whether the receiver answered 2xx (a body cut short after a 2xx still counts).
     *
     * @return true for a 2xx status
     */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /**
     * The HTTP status.
     *
     * @return the status, or null when no response came
     */
    public @Nullable Integer statusCode() {
        return statusCode;
    }

    /**
     * Why no usable response came (or the body failed after the status).
     *
     * @return the kind, or null when a whole response was read
     */
    public @Nullable FailureKind failure() {
        return failure;
    }

    /**
     * Whether the delivery must end after this outcome whatever attempts are left.
     *
     * @return true if it did not succeed and its kind {@linkplain FailureKind#isPermanent() is permanent}
     */
    public boolean isPermanentFailure() {
        return !succeeded() && failure != null && failure.isPermanent();
    }

    /**
     * The failure's short text, at most {@value #MAX_DETAIL} characters.
     *
     * @return the text, or null when none was given
     */
    public @Nullable String detail() {
        return detail;
    }

    /**
     * The exception behind the failure, for logs and listeners.
     *
     * @return the exception, or null (always null once stored)
     */
    public @Nullable Throwable cause() {
        return cause;
    }

    /**
     * The raw {@code Retry-After} header; the retry policy reads seconds or an HTTP date.
     *
     * @return the header, or null (always null once stored)
     */
    public @Nullable String retryAfter() {
        return retryAfter;
    }

    /**
     * The start of the response body as text.
     *
     * @return at most the first {@value DeliveryAttempt#MAX_EXCERPT} characters, or null
     */
    public @Nullable String responseExcerpt() {
        return responseExcerpt;
    }

    /**
     * From the start of the request to the end of reading or failing.
     *
     * @return the duration, never negative
     */
    public Duration duration() {
        return duration;
    }

    /**
     * The text recorded as the attempt's error: the failure's detail (or its kind's label), also
     * after a 2xx whose body then failed; else {@code HTTP <status>} for a non-2xx answer; null
     * for a clean 2xx.
     *
     * @return the error text, or null
     */
    public @Nullable String error() {
        if (failure != null) {
            return detail != null ? detail : failure.label();
        }
        if (succeeded()) {
            return null;
        }
        return "HTTP " + statusCode;
    }

    private static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AttemptOutcome other && Objects.equals(statusCode, other.statusCode)
                && failure == other.failure && Objects.equals(detail, other.detail)
                && Objects.equals(retryAfter, other.retryAfter)
                && Objects.equals(responseExcerpt, other.responseExcerpt) && duration.equals(other.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, failure, detail, retryAfter, responseExcerpt, duration);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("AttemptOutcome[");
        if (statusCode != null) {
            b.append("status=").append(statusCode);
        }
        if (failure != null) {
            b.append(statusCode != null ? ", " : "").append(failure);
            if (detail != null) {
                b.append(": ").append(detail);
            }
        }
        return b.append(", ").append(duration.toMillis()).append(" ms]").toString();
    }
}
