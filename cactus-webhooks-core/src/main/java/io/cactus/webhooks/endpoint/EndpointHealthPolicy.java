package io.cactus.webhooks.endpoint;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When an endpoint is paused and when it is disabled.
 *
 * <p>After {@link #failureThreshold()} failed attempts in a row the endpoint is paused for
 * {@link #pause()}; then one probe attempt goes through. A failed probe pauses it again for twice as
 * long, up to {@link #maxPause()}; a success closes the circuit. An endpoint whose failure streak has
 * lasted longer than {@link #disableAfter()} is disabled.
 *
 * <p>Build one with {@link #builder()} (which starts from {@link #DEFAULT}) and derive changed copies
 * with {@link #toBuilder()}; there is no public constructor, so that new settings (a recovery ramp)
 * can be added without breaking callers. Immutable and thread-safe; no accessor returns null.
 */
public final class EndpointHealthPolicy {

    private static final int DEFAULT_FAILURE_THRESHOLD = 5;
    private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(30);
    private static final Duration DEFAULT_MAX_PAUSE = Duration.ofMinutes(10);
    private static final Duration DEFAULT_DISABLE_AFTER = Duration.ofDays(5);

    /** 5 failures, 30 s pause doubling up to 10 min, disabled after 5 days of failing. */
    public static final EndpointHealthPolicy DEFAULT = new Builder().build();

    private final int failureThreshold;
    private final Duration pause;
    private final Duration maxPause;
    private final Duration disableAfter;

    private EndpointHealthPolicy(Builder b, Duration maxPause) {
        this.failureThreshold = b.failureThreshold;
        this.pause = b.pause;
        this.maxPause = maxPause;
        this.disableAfter = b.disableAfter;
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every setting of this policy, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().failureThreshold(failureThreshold).pause(pause).maxPause(maxPause)
                .disableAfter(disableAfter);
    }

    /**
     * Consecutive failures that pause an endpoint.
     *
     * @return at least 1
     */
    public int failureThreshold() {
        return failureThreshold;
    }

    /**
     * The first pause.
     *
     * @return a positive duration
     */
    public Duration pause() {
        return pause;
    }

    /**
     * The longest pause; each failed probe doubles the pause up to this.
     *
     * @return at least {@link #pause()}
     */
    public Duration maxPause() {
        return maxPause;
    }

    /**
     * How long an endpoint may keep failing before it is disabled: a failure this long or longer
     * after the first failure of its streak disables it.
     *
     * @return a positive duration
     */
    public Duration disableAfter() {
        return disableAfter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointHealthPolicy p && failureThreshold == p.failureThreshold && pause.equals(p.pause)
                && maxPause.equals(p.maxPause) && disableAfter.equals(p.disableAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, pause, maxPause, disableAfter);
    }

    @Override
    public String toString() {
        return "EndpointHealthPolicy[failureThreshold=" + failureThreshold + ", pause=" + pause + ", maxPause="
                + maxPause + ", disableAfter=" + disableAfter + "]";
    }

    /**
     * Builds an {@link EndpointHealthPolicy}, starting from the defaults. Each argument is checked at
     * the call; {@link #build()} checks the pauses against each other. Not thread-safe.
     */
    public static final class Builder {
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private Duration pause = DEFAULT_PAUSE;
        private @Nullable Duration maxPause; // null: the default, or the pause if that is longer
        private Duration disableAfter = DEFAULT_DISABLE_AFTER;

        private Builder() {
        }

        /**
         * Consecutive failures that pause an endpoint; default 5.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder failureThreshold(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("failureThreshold must be at least 1, was " + value);
            }
            this.failureThreshold = value;
            return this;
        }

        /**
         * The first pause; default 30 s.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder pause(Duration value) {
            this.pause = positive(value, "pause");
            return this;
        }

        /**
         * The longest pause; default 10 minutes, or the {@link #pause} if that is longer.
         *
         * @param value a positive duration, at least the pause
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder maxPause(Duration value) {
            this.maxPause = positive(value, "maxPause");
            return this;
        }

        /**
         * How long an endpoint may keep failing before it is disabled; default 5 days.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder disableAfter(Duration value) {
            this.disableAfter = positive(value, "disableAfter");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return a new, immutable policy
         * @throws IllegalStateException if {@code maxPause} was set shorter than {@code pause}
         */
        public EndpointHealthPolicy build() {
            Duration max = maxPause != null ? maxPause
                    : (pause.compareTo(DEFAULT_MAX_PAUSE) > 0 ? pause : DEFAULT_MAX_PAUSE);
            if (max.compareTo(pause) < 0) {
                throw new IllegalStateException("maxPause (" + max + ") must be at least pause (" + pause + ")");
            }
            return new EndpointHealthPolicy(this, max);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
