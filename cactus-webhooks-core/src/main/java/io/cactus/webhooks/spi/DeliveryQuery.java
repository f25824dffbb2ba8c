package io.cactus.webhooks.spi;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.delivery.DeliveryStatus;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A filter over deliveries, newest first. Start from {@link #all()} and narrow it with the
 * {@code with...} methods, or fill a {@link #builder()}; {@link #toBuilder()} derives a changed
 * copy. There is no public constructor, so that new filters (a message id, a tenant) can be added
 * without breaking callers or stores.
 *
 * <p>Immutable and thread-safe. The filters {@link #status()}, {@link #endpointId()},
 * {@link #eventType()}, {@link #tenant()}, {@link #createdFrom()} and {@link #createdBefore()} are
 * null when they match everything; a store must treat a null as "no condition". A store applies
 * {@link #tenant()} in its query (the library's JDBC store: {@code tenant_id = ?}), never by
 * filtering rows in memory.
 */
public final class DeliveryQuery {

    /** Most rows one query may ask for. */
    public static final int MAX_LIMIT = 1000;

    private static final int DEFAULT_LIMIT = 100;
    private static final DeliveryQuery ALL = new Builder().build();

    private final @Nullable DeliveryStatus status;
    private final @Nullable String endpointId;
    private final @Nullable String eventType;
    private final @Nullable TenantId tenant;
    private final @Nullable Instant createdFrom;
    private final @Nullable Instant createdBefore;
    private final int offset;
    private final int limit;

    private DeliveryQuery(Builder b) {
        this.status = b.status;
        this.endpointId = b.endpointId;
        this.eventType = b.eventType;
        this.tenant = b.tenant;
        this.createdFrom = b.createdFrom;
        this.createdBefore = b.createdBefore;
        this.offset = b.offset;
        this.limit = b.limit;
    }

    /**
     * Everything, newest 100.
     *
     * @return the shared query with no filter, offset 0 and limit 100
     */
    public static DeliveryQuery all() {
        return ALL;
    }

    /**
     * A builder for everything, newest 100, until narrowed.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every filter and the page of this query, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.status = status;
        b.endpointId = endpointId;
        b.eventType = eventType;
        b.tenant = tenant;
        b.createdFrom = createdFrom;
        b.createdBefore = createdBefore;
        b.offset = offset;
        b.limit = limit;
        return b;
    }

    /**
     * The status filter.
     *
     * @return only deliveries of this status, or null for any
     */
    public @Nullable DeliveryStatus status() {
        return status;
    }

    /**
     * The endpoint filter.
     *
     * @return only deliveries to this endpoint id, or null for any
     */
    public @Nullable String endpointId() {
        return endpointId;
    }

    /**
     * The event type filter.
     *
     * @return only deliveries of this event type name (exact, no patterns), or null for any
     */
    public @Nullable String eventType() {
        return eventType;
    }

    /**
     * The tenant filter.
     *
     * @return only deliveries of this tenant's messages, or null for any (the operator's view,
     *     deliveries without a tenant included)
     */
    public @Nullable TenantId tenant() {
        return tenant;
    }

    /**
     * The lower bound of creation times, inclusive.
     *
     * @return only deliveries created at or after it, or null for no lower bound
     */
    public @Nullable Instant createdFrom() {
        return createdFrom;
    }

    /**
     * The upper bound of creation times, exclusive; never before {@link #createdFrom()}.
     *
     * @return only deliveries created before it, or null for no upper bound
     */
    public @Nullable Instant createdBefore() {
        return createdBefore;
    }

    /**
     * The page start.
     *
     * @return how many matching deliveries to skip, at least 0
     */
    public int offset() {
        return offset;
    }

    /**
     * The page size.
     *
     * @return the most deliveries returned, 1 to {@value #MAX_LIMIT}
     */
    public int limit() {
        return limit;
    }

    /**
     * A copy with only this status, or any status for null.
     *
     * @param value the status, or null
     * @return a new query; this one is unchanged
     */
    public DeliveryQuery withStatus(@Nullable DeliveryStatus value) {
        return toBuilder().status(value).build();
    }

    /**
     * A copy with only this endpoint, or any endpoint for null.
     *
     * @param value the endpoint id, or null
     * @return a new query; this one is unchanged
     */
    public DeliveryQuery withEndpoint(@Nullable String value) {
        return toBuilder().endpointId(value).build();
    }

    /**
     * A copy with only this event type name, or any type for null.
     *
     * @param value the event type name, or null
     * @return a new query; this one is unchanged
     */
    public DeliveryQuery withEventType(@Nullable String value) {
        return toBuilder().eventType(value).build();
    }

    /**
     * A copy with only this tenant's deliveries, or any tenant's for null.
     *
     * @param value the tenant, or null
     * @return a new query; this one is unchanged
     */
    public DeliveryQuery withTenant(@Nullable TenantId value) {
        return toBuilder().tenant(value).build();
    }

    /**
     * A copy created in {@code [from, before)}; either bound may be null.
     *
     * @param from the lower bound, inclusive, or null for none
     * @param before the upper bound, exclusive, or null for none
     * @return a new query; this one is unchanged
     * @throws IllegalArgumentException if {@code before} is before {@code from}
     */
    public DeliveryQuery createdBetween(@Nullable Instant from, @Nullable Instant before) {
        return toBuilder().createdBetween(from, before).build();
    }

    /**
     * A copy with this page.
     *
     * @param newOffset how many matching deliveries to skip
     * @param newLimit the most deliveries returned
     * @return a new query; this one is unchanged
     * @throws IllegalArgumentException if {@code newOffset} is negative or {@code newLimit} not 1 to {@value #MAX_LIMIT}
     */
    public DeliveryQuery page(int newOffset, int newLimit) {
        return toBuilder().page(newOffset, newLimit).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DeliveryQuery q && status == q.status && Objects.equals(endpointId, q.endpointId)
                && Objects.equals(eventType, q.eventType) && Objects.equals(tenant, q.tenant)
                && Objects.equals(createdFrom, q.createdFrom)
                && Objects.equals(createdBefore, q.createdBefore) && offset == q.offset && limit == q.limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, endpointId, eventType, tenant, createdFrom, createdBefore, offset, limit);
    }

    @Override
    public String toString() {
        return "DeliveryQuery[status=" + status + ", endpointId=" + endpointId + ", eventType=" + eventType
                + (tenant == null ? "" : ", tenant=" + tenant) + ", createdFrom=" + createdFrom + ", createdBefore=" + createdBefore + ", offset=" + offset
                + ", limit=" + limit + "]";
    }

    /**
     * Builds a {@link DeliveryQuery}. A null filter matches everything; paging is checked at the call,
     * and bounds set by separate calls are checked against each other in {@link #build()}.
     * Not thread-safe.
     */
    public static final class Builder {
        private @Nullable DeliveryStatus status;
        private @Nullable String endpointId;
        private @Nullable String eventType;
        private @Nullable TenantId tenant;
        private @Nullable Instant createdFrom;
        private @Nullable Instant createdBefore;
        private int offset;
        private int limit = DEFAULT_LIMIT;

        private Builder() {
        }

        /**
         * Only this status; null for any.
         *
         * @param value the status, or null
         * @return this builder
         */
        public Builder status(@Nullable DeliveryStatus value) {
            this.status = value;
            return this;
        }

        /**
         * Only this endpoint; null for any.
         *
         * @param value the endpoint id, or null
         * @return this builder
         */
        public Builder endpointId(@Nullable String value) {
            this.endpointId = value;
            return this;
        }

        /**
         * Only this event type name; null for any.
         *
         * @param value the event type name, or null
         * @return this builder
         */
        public Builder eventType(@Nullable String value) {
            this.eventType = value;
            return this;
        }

        /**
         * Only this tenant's deliveries; null for any.
         *
         * @param value the tenant, or null
         * @return this builder
         */
        public Builder tenant(@Nullable TenantId value) {
            this.tenant = value;
            return this;
        }

        /**
         * Created at or after; null for no lower bound. Checked against {@link #createdBefore} in
         * {@link #build()}.
         *
         * @param value the lower bound, inclusive, or null
         * @return this builder
         */
        public Builder createdFrom(@Nullable Instant value) {
            this.createdFrom = value;
            return this;
        }

        /**
         * Created before; null for no upper bound. Checked against {@link #createdFrom} in
         * {@link #build()}.
         *
         * @param value the upper bound, exclusive, or null
         * @return this builder
         */
        public Builder createdBefore(@Nullable Instant value) {
            this.createdBefore = value;
            return this;
        }

        /**
         * Created in {@code [from, before)}; either bound may be null.
         *
         * @param from the lower bound, inclusive, or null for none
         * @param before the upper bound, exclusive, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code before} is before {@code from}
         */
        public Builder createdBetween(@Nullable Instant from, @Nullable Instant before) {
            if (reversed(from, before)) {
                throw new IllegalArgumentException(reversedMessage(from, before));
            }
            this.createdFrom = from;
            this.createdBefore = before;
            return this;
        }

        /**
         * Rows to skip; default 0.
         *
         * @param value how many matching deliveries to skip
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder offset(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("offset must not be negative, was " + value);
            }
            this.offset = value;
            return this;
        }

        /**
         * Most rows; default 100.
         *
         * @param value the most deliveries returned
         * @return this builder
         * @throws IllegalArgumentException if not 1 to {@value DeliveryQuery#MAX_LIMIT}
         */
        public Builder limit(int value) {
            if (value < 1 || value > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + value);
            }
            this.limit = value;
            return this;
        }

        /**
         * Same as {@code offset(offset).limit(limit)}.
         *
         * @param offset how many matching deliveries to skip
         * @param limit the most deliveries returned
         * @return this builder
         * @throws IllegalArgumentException as {@link #offset} and {@link #limit}
         */
        public Builder page(int offset, int limit) {
            return offset(offset).limit(limit);
        }

        /**
         * Builds the query.
         *
         * @return a new, immutable query
         * @throws IllegalStateException if {@code createdBefore} is earlier than {@code createdFrom}
         */
        public DeliveryQuery build() {
            if (reversed(createdFrom, createdBefore)) {
                throw new IllegalStateException(reversedMessage(createdFrom, createdBefore));
            }
            return new DeliveryQuery(this);
        }

        private static boolean reversed(@Nullable Instant from, @Nullable Instant before) {
            return from != null && before != null && before.isBefore(from);
        }

        private static String reversedMessage(@Nullable Instant from, @Nullable Instant before) {
            return "createdBefore (" + before + ") is before createdFrom (" + from + ")";
        }
    }
}
