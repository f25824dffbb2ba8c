package io.cactus.webhooks.endpoint;

import java.time.Duration;

/**
 * How an endpoint's work is let through when it comes back, and how retries and replays share its
 * slots with fresh work.
 *
 * <ul>
 *   <li><b>Ramp.</b> When a paused endpoint recovers (its probe succeeded), or when it answers
 *       {@code 429} or {@code 503}, its in-flight allowance starts at {@link #rampStart()} and is
 *       multiplied by {@link #rampFactor()} each time as many healthy responses as the current
 *       allowance came back in a row, until it reaches the endpoint's
 *       {@linkplain Endpoint#maxInFlight() cap}. Any failure during the ramp drops the allowance back
 *       to the start; a {@code Retry-After} on a {@code 429} or {@code 503} holds the endpoint's
 *       sends until then (at most {@link #MAX_HOLD}). Each dispatcher ramps on its own.</li>
 *   <li><b>First attempts first.</b> When first attempts and retries of one endpoint both wait for
 *       its slots, {@link #firstAttemptShare()} of the allowance (rounded up) is kept for first
 *       attempts; retries take the rest. Either kind takes all slots when the other is not
 *       waiting.</li>
 *   <li><b>Replay pace.</b> A replay makes its deliveries due one after another,
 *       {@link #replayRatePerSecond()} apart in due time, so a large replay is claimed behind the
 *       fresh work that keeps arriving and never all at once.</li>
 * </ul>
 *
 * <p>Build one with {@link #builder()} (which starts from {@link #DEFAULT}). Immutable and
 * thread-safe; no accessor returns null.
 */
public final class RecoveryPolicy {

    /** The longest a {@code Retry-After} holds an endpoint's sends in the dispatcher. */
    public static final Duration MAX_HOLD = Duration.ofMinutes(1);

    /** Ramp 1, 2, 4, ... up to the cap; half the slots kept for first attempts; replays 100 per second. */
    public static final RecoveryPolicy DEFAULT = new Builder().build();

    /** No ramp, no share kept for first attempts (the behaviour before 0.2); replays 100 per second. */
    public static final RecoveryPolicy NONE = new Builder().rampStart(Integer.MAX_VALUE).firstAttemptShare(0).build();

    private final int rampStart;
    private final int rampFactor;
    private final double firstAttemptShare;
    private final double replayRatePerSecond;

    private RecoveryPolicy(Builder b) {
        this.rampStart = b.rampStart;
        this.rampFactor = b.rampFactor;
        this.firstAttemptShare = b.firstAttemptShare;
        this.replayRatePerSecond = b.replayRatePerSecond;
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
        return new Builder().rampStart(rampStart).rampFactor(rampFactor).firstAttemptShare(firstAttemptShare)
                .replayRatePerSecond(replayRatePerSecond);
    }

    /**
     * The in-flight allowance a recovering endpoint starts with; {@link Integer#MAX_VALUE} means no
     * ramp (the cap at once).
     *
     * @return at least 1
     */
    public int rampStart() {
        return rampStart;
    }

    /**
     * What the allowance is multiplied by at each step of the ramp.
     *
     * @return at least 2
     */
    public int rampFactor() {
        return rampFactor;
    }

    /**
     * Whether a recovering endpoint ramps at all.
     *
     * @return false when {@link #rampStart()} is {@link Integer#MAX_VALUE}
     */
    public boolean ramps() {
        return rampStart != Integer.MAX_VALUE;
    }

    /**
     * The share of an endpoint's slots kept for first attempts while retries also wait.
     *
     * @return from 0 (none kept) to 1 (retries wait until no first attempt does)
     */
    public double firstAttemptShare() {
        return firstAttemptShare;
    }

    /**
     * How many replayed deliveries become due per second.
     *
     * @return positive
     */
    public double replayRatePerSecond() {
        return replayRatePerSecond;
    }

    /**
     * The slots kept for first attempts out of {@code allowed}.
     *
     * @param allowed the slots the endpoint may use now, at least 0
     * @return from 0 to {@code allowed}: the share rounded up, 0 if the share is 0
     */
    public int reservedForFirstAttempts(int allowed) {
        if (allowed <= 0 || firstAttemptShare <= 0) {
            return 0;
        }
        return (int) Math.min(allowed, Math.ceil(allowed * firstAttemptShare));
    }

    /**
     * Settings of a {@link RecoveryPolicy}. Not thread-safe; each setter checks its value at once.
     */
    public static final class Builder {
        private int rampStart = 1;
        private int rampFactor = 2;
        private double firstAttemptShare = 0.5;
        private double replayRatePerSecond = 100;

        private Builder() {
        }

        /**
         * The allowance a recovering endpoint starts with. Default 1.
         *
         * @param value at least 1; {@link Integer#MAX_VALUE} turns the ramp off
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 1
         */
        public Builder rampStart(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("rampStart must be at least 1, was " + value);
            }
            this.rampStart = value;
            return this;
        }

        /**
         * What the allowance is multiplied by at each step. Default 2.
         *
         * @param value at least 2
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 2
         */
        public Builder rampFactor(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("rampFactor must be at least 2, was " + value);
            }
            this.rampFactor = value;
            return this;
        }

        /**
         * The share of an endpoint's slots kept for first attempts while retries also wait. Default 0.5.
         *
         * @param value from 0 to 1
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not within 0 and 1
         */
        public Builder firstAttemptShare(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("firstAttemptShare must be from 0 to 1, was " + value);
            }
            this.firstAttemptShare = value;
            return this;
        }

        /**
         * How many replayed deliveries become due per second. Default 100.
         *
         * @param value positive and finite
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive and finite
         */
        public Builder replayRatePerSecond(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("replayRatePerSecond must be positive and finite, was " + value);
            }
            this.replayRatePerSecond = value;
            return this;
        }

        /**
         * The policy.
         *
         * @return a new immutable policy
         */
        public RecoveryPolicy build() {
            return new RecoveryPolicy(this);
        }
    }

    @Override
    public String toString() {
        return "RecoveryPolicy[rampStart=" + (ramps() ? String.valueOf(rampStart) : "off") + ", rampFactor=" + rampFactor
                + ", firstAttemptShare=" + firstAttemptShare + ", replayRatePerSecond=" + replayRatePerSecond + "]";
    }
}
