package io.cactus.webhooks.delivery;

import io.cactus.webhooks.internal.Checks;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Decides, after each attempt, whether a delivery is done, tried again (and when), or dead.
 *
 * <p>The default follows the best-known schedule: 8 attempts, the first at once, then after about
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each with ±20 % jitter. Alternatively
 * {@link Builder#exponential} gives max attempts with exponential backoff. Attempts are retried on
 * transient failures ({@link FailureKind}: timeouts, connection errors, ...), 408, 429, 5xx and, by
 * default, every other non-2xx answer; {@code 410 Gone} ends the delivery and disables the
 * endpoint; a permanent failure (a refused address, a request that cannot be built, a signing
 * failure) ends the delivery at once. A {@code Retry-After} header
 * (seconds or HTTP date) on the answer delays the next attempt to at least that time, clamped to
 * {@link Builder#maxRetryAfter}.
 *
 * <p>Internally the schedule is a resilience4j {@link IntervalBiFunction} and the retry condition
 * a result predicate, as in resilience4j-retry; the waiting itself is a next-attempt time in the
 * store, never a sleeping thread.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

    /** The default delays between attempts. */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    private final int maxAttempts;
    private final IntervalBiFunction<AttemptOutcome> interval;
    private final Predicate<AttemptOutcome> retryOnResult;
    private final Duration maxRetryAfter;
    private final String description;

    private RetryPolicy(Builder b, int maxAttempts, IntervalBiFunction<AttemptOutcome> interval, String description) {
        this.maxAttempts = maxAttempts;
        this.interval = interval;
        this.maxRetryAfter = b.maxRetryAfter;
        boolean retryClientErrors = b.retryClientErrors;
        this.retryOnResult = outcome -> isTransientFailure(outcome) || (retryClientErrors && !outcome.succeeded());
        this.description = description;
    }

    /**
     * The default policy described above.
     *
     * @return a policy with {@link #DEFAULT_SCHEDULE}, ±20 % jitter, client errors retried and
     *     {@code Retry-After} honoured up to 1 hour
     */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Total attempts of one round, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The decision after attempt number {@code attempt} (from 1) ended with {@code outcome}: a 2xx
     * is SUCCEEDED; {@code 410 Gone} is CANCELLED and disables the endpoint; a permanent failure
     * kind ({@link FailureKind#isPermanent()}) is DEAD at once (CANCELLED for
     * {@link FailureKind#ENDPOINT_UNAVAILABLE}); otherwise RETRYING while attempts are left and the
     * outcome is retryable, else DEAD. A RETRYING decision is due after the schedule's delay for
     * this attempt, or later if the answer's {@code Retry-After} asks for more (up to
     * {@link Builder#maxRetryAfter}). Pure: it reads nothing but its arguments and the jitter.
     *
     * @param attempt the number of the attempt that ended, from 1
     * @param outcome what it produced
     * @param now the time the attempt ended, from which the next attempt is scheduled
     * @return the delivery's new status, when the next attempt is due, and whether the endpoint
     *     is to be disabled
     * @throws NullPointerException if {@code outcome} or {@code now} is null
     */
    public Decision decide(int attempt, AttemptOutcome outcome, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(now, "now");
        if (outcome.succeeded()) {
            return Decision.SUCCEEDED;
        }
        if (outcome.failure() == FailureKind.ENDPOINT_UNAVAILABLE) {
            return Decision.CANCELLED;
        }
        if (outcome.isPermanentFailure()) {
            return Decision.DEAD;
        }
        Integer status = outcome.statusCode();
        if (status != null && status == 410 && outcome.failure() == null) {
            return Decision.ENDPOINT_GONE;
        }
        if (!retryOnResult.test(outcome) || attempt >= maxAttempts) {
            return Decision.DEAD;
        }
        long delayMillis = interval.apply(attempt, Either.right(outcome));
        Duration retryAfter = retryAfter(outcome.retryAfter(), now);
        if (retryAfter != null) {
            long clamped = Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
            delayMillis = Math.max(delayMillis, clamped);
        }
        return Decision.retryAt(now.plusMillis(delayMillis));
    }

    /** No answer (a transient failure kind), 408, 429 or 5xx. */
    static boolean isTransientFailure(AttemptOutcome outcome) {
        Integer status = outcome.statusCode();
        if (status == null) {
            return outcome.failure() != null && !outcome.failure().isPermanent();
        }
        return status == 408 || status == 429 || status >= 500 || (outcome.failure() != null && !outcome.succeeded());
    }

    /** The {@code Retry-After} delay from {@code now}, or null if absent or unreadable. */
    static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
        return io.cactus.webhooks.internal.RetryAfter.delay(header, now);
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + description + "]";
    }

    /**
     * The outcome of {@link #decide}: the delivery's new status, and what follows from it.
     *
     * @param status SUCCEEDED, RETRYING, DEAD or CANCELLED
     * @param nextAttemptAt when {@code status} is RETRYING: when; otherwise null
     * @param disablesEndpoint whether the endpoint asked to stop ({@code 410 Gone}) and is to be disabled
     */
    public record Decision(DeliveryStatus status, @Nullable Instant nextAttemptAt, boolean disablesEndpoint) {

        /** The receiver answered 2xx. */
        public static final Decision SUCCEEDED = new Decision(DeliveryStatus.SUCCEEDED, null, false);
        /** No attempt is left, the failure is permanent, or the answer is not retried. */
        public static final Decision DEAD = new Decision(DeliveryStatus.DEAD, null, false);
        /** The endpoint was disabled or removed before the attempt; nothing was sent. */
        public static final Decision CANCELLED = new Decision(DeliveryStatus.CANCELLED, null, false);
        /** The receiver answered {@code 410 Gone}: the delivery is cancelled and the endpoint disabled. */
        public static final Decision ENDPOINT_GONE = new Decision(DeliveryStatus.CANCELLED, null, true);

        /**
         * Checks the components against each other.
         *
         * @param status a terminal status or RETRYING
         * @param nextAttemptAt when RETRYING, the next attempt's time; otherwise null
         * @param disablesEndpoint whether the endpoint is to be disabled
         * @throws IllegalArgumentException if the status is null, PENDING or IN_FLIGHT, or
         *     {@code nextAttemptAt} is given exactly when it must not be
         */
        public Decision {
            if (status == null || !(status.isTerminal() || status == DeliveryStatus.RETRYING)) {
                throw new IllegalArgumentException("status must be terminal or RETRYING, was " + status);
            }
            if ((status == DeliveryStatus.RETRYING) != (nextAttemptAt != null)) {
                throw new IllegalArgumentException("nextAttemptAt is required for RETRYING and only for it");
            }
        }

        /**
         * A RETRYING decision.
         *
         * @param at when the next attempt is due
         * @return the decision
         * @throws NullPointerException if {@code at} is null
         */
        public static Decision retryAt(Instant at) {
            return new Decision(DeliveryStatus.RETRYING, Objects.requireNonNull(at, "at"), false);
        }
    }

    /**
     * Builds a {@link RetryPolicy}. Each setter checks its arguments at the call and throws
     * {@link IllegalArgumentException} naming the bad one; the settings are only combined in
     * {@link #build()}, so the order of the calls does not matter. {@link #schedule} and
     * {@link #exponential} are two ways to say the same thing: giving both fails in {@code build()}.
     * Not thread-safe.
     */
    public static final class Builder {
        private @Nullable List<Duration> schedule;
        private @Nullable Exponential exponential;
        private double jitter = 0.2;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Duration maxRetryAfter = Duration.ofHours(1);
        private boolean retryClientErrors = true;

        private Builder() {
        }

        /**
         * Delays before the second, third, ... attempt; {@code delays.size() + 1} attempts in all.
         * An empty list means a single attempt. Default {@link #DEFAULT_SCHEDULE}. Conflicts with
         * {@link #exponential}.
         *
         * @param delays the delays, each zero or positive; copied
         * @return this builder
         * @throws IllegalArgumentException if {@code delays} is null, holds a null or a negative delay
         */
        public Builder schedule(List<Duration> delays) {
            if (delays == null || Checks.hasNull(delays)) {
                throw new IllegalArgumentException("schedule delays must not be null or contain null");
            }
            for (Duration d : delays) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("schedule delays must not be negative, was " + d);
                }
            }
            this.schedule = List.copyOf(delays);
            return this;
        }

        /**
         * Same as {@link #schedule(List)}.
         *
         * @param delays the delays
         * @return this builder
         * @throws IllegalArgumentException as {@link #schedule(List)}
         */
        public Builder schedule(Duration... delays) {
            if (delays == null) {
                throw new IllegalArgumentException("schedule delays must not be null or contain null");
            }
            return schedule(Arrays.asList(delays));
        }

        /**
         * {@code maxAttempts} attempts in all, the delay growing from {@code initial} by
         * {@code multiplier} up to {@code max}, each randomised by the {@link #jitter} and never
         * longer than {@code max}. Conflicts with {@link #schedule}.
         *
         * @param maxAttempts total attempts, at least 1
         * @param initial the delay before the second attempt, positive
         * @param multiplier the growth per attempt, at least 1 and finite
         * @param max the longest delay, at least {@code initial}
         * @return this builder
         * @throws IllegalArgumentException naming the first bad argument
         */
        public Builder exponential(int maxAttempts, Duration initial, double multiplier, Duration max) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("exponential maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (initial == null || initial.isNegative() || initial.isZero()) {
                throw new IllegalArgumentException("exponential initial delay must be positive, was " + initial);
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("exponential multiplier must be at least 1 and finite, was "
                        + multiplier);
            }
            if (max == null || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("exponential max delay must be at least the initial delay ("
                        + initial + "), was " + max);
            }
            this.exponential = new Exponential(maxAttempts, initial, multiplier, max);
            return this;
        }

        /**
         * Randomisation of each delay (0.2, the default, means ±20 %; 0 means exact delays).
         *
         * @param value at least 0 and below 1
         * @return this builder
         * @throws IllegalArgumentException if out of range (or NaN)
         */
        public Builder jitter(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1), was " + value);
            }
            this.jitter = value;
            return this;
        }

        /**
         * The longest {@code Retry-After} honoured; longer values are cut to this. Default 1 hour.
         * Zero ignores the header.
         *
         * @param value zero or positive
         * @return this builder
         * @throws IllegalArgumentException if null or negative
         */
        public Builder maxRetryAfter(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must not be null or negative, was " + value);
            }
            this.maxRetryAfter = value;
            return this;
        }

        /**
         * Whether answers other than 2xx, 408, 410, 429 and 5xx are retried: the other 4xx, and
         * also 1xx and 3xx. Default true; when false such an answer makes the delivery DEAD.
         *
         * @param value whether to retry them
         * @return this builder
         */
        public Builder retryClientErrors(boolean value) {
            this.retryClientErrors = value;
            return this;
        }

        /**
         * The source of jitter, uniform in [0, 1); for tests that need fixed delays. It is called
         * once per retry scheduled (when the jitter is not 0) and must be thread-safe. Default
         * {@link ThreadLocalRandom}.
         *
         * @param value the source
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder random(DoubleSupplier value) {
            if (value == null) {
                throw new IllegalArgumentException("random must not be null");
            }
            this.random = value;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return a new, immutable policy
         * @throws IllegalStateException if both {@link #schedule} and {@link #exponential} were given
         */
        public RetryPolicy build() {
            if (schedule != null && exponential != null) {
                throw new IllegalStateException("schedule(" + schedule + ") and exponential(" + exponential
                        + ") were both given; a retry policy takes one of them");
            }
            if (exponential != null) {
                return new RetryPolicy(this, exponential.maxAttempts, exponential.interval(jitter, random),
                        exponential + ", jitter " + jitter);
            }
            List<Duration> delays = schedule != null ? schedule : DEFAULT_SCHEDULE;
            return new RetryPolicy(this, delays.size() + 1, scheduled(delays, jitter, random),
                    (delays.size() + 1) + " attempts, then after " + delays + ", jitter " + jitter);
        }

        private static IntervalBiFunction<AttemptOutcome> scheduled(List<Duration> delays, double jitter,
                DoubleSupplier random) {
            return (attempt, result) -> {
                long base = delays.get(Math.min(attempt, delays.size()) - 1).toMillis();
                return jittered(base, jitter, random);
            };
        }

        static long jittered(long millis, double jitter, DoubleSupplier random) {
            return jitter == 0 ? millis : Math.round(millis * (1 + jitter * (2 * random.getAsDouble() - 1)));
        }
    }

    /** The settings of {@link Builder#exponential}, kept as given until {@link Builder#build()}. */
    private record Exponential(int maxAttempts, Duration initial, double multiplier, Duration max) {

        IntervalBiFunction<AttemptOutcome> interval(double jitter, DoubleSupplier random) {
            IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(initial, multiplier, max);
            long maxMillis = max.toMillis();
            return (attempt, result) -> Math.min(maxMillis, Builder.jittered(backoff.apply(attempt), jitter, random));
        }

        @Override
        public String toString() {
            return maxAttempts + " attempts, exponential from " + initial + " x" + multiplier + " up to " + max;
        }
    }
}
