package io.cactus.webhooks.delivery;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long finished deliveries and their payloads are kept, and how the purge that removes them
 * runs. Set on {@link io.cactus.webhooks.Webhooks.Builder#retention(RetentionPolicy)}; the
 * dispatcher applies it on a schedule ({@link #interval()}), on one node of those sharing a store
 * at a time, in transactions of at most {@link #batchSize()} deliveries.
 *
 * <ul>
 *   <li><b>Deliveries</b> that {@linkplain DeliveryStatus#SUCCEEDED succeeded} are deleted with
 *       their attempts when they finished more than {@link #succeeded()} ago (default 7 days);
 *       {@linkplain DeliveryStatus#DEAD dead} ones after {@link #dead()} and
 *       {@linkplain DeliveryStatus#CANCELLED cancelled} ones after {@link #cancelled()} (default 30
 *       days each). A message is deleted with its last delivery; a message that matched no endpoint
 *       is deleted when its timestamp is more than {@link #succeeded()} old.</li>
 *   <li><b>Payloads</b>: the body of a message whose deliveries have all finished more than
 *       {@link #payloads()} ago (default 7 days, the succeeded window) is removed while the message,
 *       its deliveries and their attempts stay. Such a message reads back
 *       {@linkplain io.cactus.webhooks.WebhookMessage#isPayloadExpunged() expunged}, and cannot be
 *       sent again. A payload window longer than a delivery window has no effect on those
 *       deliveries' messages: they go with their last delivery.</li>
 * </ul>
 *
 * <p>Windows count from a delivery's finish time (when its last outcome was recorded, or it was
 * cancelled), not from its creation. {@link #disabled()} turns the scheduled purge off; the manual
 * {@link io.cactus.webhooks.WebhookAdmin#purgeSucceeded} keeps working.
 *
 * <p>Immutable and thread-safe. No method returns null; builder methods reject null.
 */
public final class RetentionPolicy {

    /** Default window of succeeded deliveries: 7 days. */
    public static final Duration DEFAULT_SUCCEEDED = Duration.ofDays(7);
    /** Default window of dead deliveries: 30 days. */
    public static final Duration DEFAULT_DEAD = Duration.ofDays(30);
    /** Default window of cancelled deliveries: 30 days. */
    public static final Duration DEFAULT_CANCELLED = Duration.ofDays(30);
    /** Default window of the payloads of finished messages: 7 days, the succeeded window. */
    public static final Duration DEFAULT_PAYLOADS = Duration.ofDays(7);
    /** Default time between two purges: 1 hour. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** Default deliveries (or messages) per purge transaction: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** Largest batch size accepted: {@value} (every id of a batch is one statement parameter). */
    public static final int MAX_BATCH_SIZE = 10_000;

    private static final RetentionPolicy DEFAULTS = builder().build();
    private static final RetentionPolicy DISABLED = builder().enabled(false).build();

    private final boolean enabled;
    private final Duration succeeded;
    private final Duration dead;
    private final Duration cancelled;
    private final Duration payloads;
    private final Duration interval;
    private final int batchSize;

    private RetentionPolicy(Builder b) {
        this.enabled = b.enabled;
        this.succeeded = b.succeeded;
        this.dead = b.dead;
        this.cancelled = b.cancelled;
        this.payloads = b.payloads;
        this.interval = b.interval;
        this.batchSize = b.batchSize;
    }

    /**
     * The defaults: enabled, 7 days for succeeded deliveries and payloads, 30 days for dead and
     * cancelled ones, a purge every hour in batches of 5,000.
     *
     * @return the default policy
     */
    public static RetentionPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * No scheduled purge: everything is kept until purged by hand.
     *
     * @return the defaults with {@link #enabled()} false
     */
    public static RetentionPolicy disabled() {
        return DISABLED;
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
     * A builder starting from this policy, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.succeeded = succeeded;
        b.dead = dead;
        b.cancelled = cancelled;
        b.payloads = payloads;
        b.interval = interval;
        b.batchSize = batchSize;
        return b;
    }

    /**
     * Whether the dispatcher purges on a schedule.
     *
     * @return true unless turned off
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * How long succeeded deliveries are kept after they finished.
     *
     * @return a positive duration
     */
    public Duration succeeded() {
        return succeeded;
    }

    /**
     * How long dead deliveries are kept after they finished.
     *
     * @return a positive duration
     */
    public Duration dead() {
        return dead;
    }

    /**
     * How long cancelled deliveries are kept after they were cancelled.
     *
     * @return a positive duration
     */
    public Duration cancelled() {
        return cancelled;
    }

    /**
     * How long the payload of a message is kept after its last delivery finished.
     *
     * @return a positive duration
     */
    public Duration payloads() {
        return payloads;
    }

    /**
     * The window of deliveries that ended in {@code status}.
     *
     * @param status {@link DeliveryStatus#SUCCEEDED}, {@link DeliveryStatus#DEAD} or
     *     {@link DeliveryStatus#CANCELLED}
     * @return {@link #succeeded()}, {@link #dead()} or {@link #cancelled()}
     * @throws IllegalArgumentException if {@code status} is null or not terminal
     */
    public Duration window(DeliveryStatus status) {
        if (status == null || !status.isTerminal()) {
            throw new IllegalArgumentException("status must be SUCCEEDED, DEAD or CANCELLED, was " + status);
        }
        return switch (status) {
            case SUCCEEDED -> succeeded;
            case DEAD -> dead;
            default -> cancelled;
        };
    }

    /**
     * The time between the end of one purge and the start of the next on the node that holds the
     * retention lease.
     *
     * @return a positive duration
     */
    public Duration interval() {
        return interval;
    }

    /**
     * Most deliveries (or messages) deleted or expunged in one transaction.
     *
     * @return 1 to {@value #MAX_BATCH_SIZE}
     */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RetentionPolicy p && enabled == p.enabled && succeeded.equals(p.succeeded)
                && dead.equals(p.dead) && cancelled.equals(p.cancelled) && payloads.equals(p.payloads)
                && interval.equals(p.interval) && batchSize == p.batchSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, succeeded, dead, cancelled, payloads, interval, batchSize);
    }

    @Override
    public String toString() {
        return "RetentionPolicy[" + (enabled ? "enabled" : "disabled") + ", succeeded=" + succeeded + ", dead=" + dead
                + ", cancelled=" + cancelled + ", payloads=" + payloads + ", interval=" + interval + ", batchSize="
                + batchSize + "]";
    }

    /**
     * Builds a {@link RetentionPolicy}; starts from the defaults. Each method checks its argument
     * at once and names it in the {@link IllegalArgumentException}. Not thread-safe.
     */
    public static final class Builder {
        private boolean enabled = true;
        private Duration succeeded = DEFAULT_SUCCEEDED;
        private Duration dead = DEFAULT_DEAD;
        private Duration cancelled = DEFAULT_CANCELLED;
        private Duration payloads = DEFAULT_PAYLOADS;
        private Duration interval = DEFAULT_INTERVAL;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /**
         * Whether the dispatcher purges on a schedule. Default true.
         *
         * @param value false to keep everything until purged by hand
         * @return this builder
         */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * How long succeeded deliveries are kept after they finished. Default 7 days.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder succeeded(Duration value) {
            this.succeeded = positive(value, "succeeded");
            return this;
        }

        /**
         * How long dead deliveries are kept after they finished. Default 30 days.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder dead(Duration value) {
            this.dead = positive(value, "dead");
            return this;
        }

        /**
         * How long cancelled deliveries are kept after they were cancelled. Default 30 days.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder cancelled(Duration value) {
            this.cancelled = positive(value, "cancelled");
            return this;
        }

        /**
         * How long a message's payload is kept after its last delivery finished. Default 7 days.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder payloads(Duration value) {
            this.payloads = positive(value, "payloads");
            return this;
        }

        /**
         * The time between two purges. Default 1 hour.
         *
         * @param value at least 1 second
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null or shorter than 1 second
         */
        public Builder interval(Duration value) {
            if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("interval must be at least 1 second, was " + value);
            }
            this.interval = value;
            return this;
        }

        /**
         * Most deliveries (or messages) deleted or expunged in one transaction. Default 5,000.
         *
         * @param value 1 to {@value RetentionPolicy#MAX_BATCH_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is out of range
         */
        public Builder batchSize(int value) {
            if (value < 1 || value > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be 1 to " + MAX_BATCH_SIZE + ", was " + value);
            }
            this.batchSize = value;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return a new immutable policy
         */
        public RetentionPolicy build() {
            return new RetentionPolicy(this);
        }

        private static Duration positive(@Nullable Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
            }
            return value;
        }
    }
}
