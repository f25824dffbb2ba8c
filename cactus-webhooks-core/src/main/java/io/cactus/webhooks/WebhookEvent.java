package io.cactus.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One event to send: its message id, type, time and data.
 *
 * <p>The data is any object the {@link io.cactus.webhooks.spi.PayloadSerializer} can write (with
 * the Jackson default: a POJO, record, {@code Map}, or a pre-built {@code JsonNode} tree). It is
 * serialised once, at publish time, into the envelope
 * {@code {"type":...,"timestamp":...,"data":...}}; the event is not used after that.
 *
 * <p>Made by {@link #of(EventType, Object)} and its overloads, or by {@link #builder(EventType, Object)}
 * to bring an own id or time; {@link #toBuilder()} derives a changed copy. There is no public
 * constructor, so that new settings can be added without breaking callers. Two events are equal
 * when id, type, timestamp, data, idempotency key, ordering key and tenant are equal.
 *
 * <p>An event may carry an {@link IdempotencyKey} ({@link Builder#idempotencyKey(String)}): then a
 * second publish with the same key within the instance's idempotency window stores nothing and
 * returns the first receipt (docs/api.md, "Idempotent publishing").
 *
 * <p>An event may belong to a {@link TenantId tenant} ({@link Builder#tenant}): then it goes only to
 * that tenant's endpoints (docs/tenants.md).
 *
 * <p>Immutable if its data is; thread-safe then. No accessor returns null but {@link #tenant()}.
 */
public final class WebhookEvent {

    private final String id;
    private final EventType type;
    private final Instant timestamp;
    private final Object data;
    private final @Nullable IdempotencyKey idempotencyKey;
    // ordering (issue 14): the key whose deliveries an ordered endpoint sends one at a time
    private final @Nullable String orderingKey;
    // tenants (issue 15): whose endpoints the event goes to; null for the application's own
    private final @Nullable TenantId tenant;

    private WebhookEvent(Builder b) {
        this.id = b.id != null ? b.id : MessageId.generate();
        this.type = b.type;
        this.timestamp = (b.timestamp != null ? b.timestamp : Instant.now(Clock.systemUTC()))
                .truncatedTo(ChronoUnit.MILLIS);
        this.data = b.data;
        this.idempotencyKey = b.idempotencyKey;
        this.orderingKey = b.orderingKey;
        this.tenant = b.tenant;
    }

    /**
     * A builder for an event of this type with this data; without further settings it gets a fresh
     * message id and the current time when built.
     *
     * @param type the event type
     * @param data the event data
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if an argument is null
     */
    public static Builder builder(EventType type, Object data) {
        return new Builder(type, data);
    }

    /**
     * A new event of this type with a fresh message id, timestamped now by the system clock.
     *
     * @param type the event type
     * @param data the event data
     * @return the event
     * @throws IllegalArgumentException if an argument is null
     */
    public static WebhookEvent of(EventType type, Object data) {
        return of(type, data, Clock.systemUTC());
    }

    /**
     * A new event of this type with a fresh message id, timestamped by {@code clock}.
     *
     * <p>The id comes from {@link MessageId#generate()}, so that ids keep increasing across every
     * clock; for ids timed by this clock, give {@link Builder#id} one from
     * {@link MessageId#generator(Clock)}.
     *
     * @param type the event type
     * @param data the event data
     * @param clock the source of the timestamp
     * @return the event
     * @throws NullPointerException if {@code clock} is null
     * @throws IllegalArgumentException if {@code type} or {@code data} is null
     */
    public static WebhookEvent of(EventType type, Object data, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return builder(type, data).timestamp(clock.instant()).build();
    }

    /**
     * A new event of the type named {@code type}, with a fresh message id, timestamped now by the
     * system clock.
     *
     * @param type the event type's name
     * @param data the event data
     * @return the event
     * @throws IllegalArgumentException if an argument is null or the name is not a valid
     *     {@link EventType}
     */
    public static WebhookEvent of(String type, Object data) {
        return of(EventType.of(type), data);
    }

    /**
     * The message id, sent as {@code webhook-id}; see {@link MessageId}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The event type.
     *
     * @return the type
     */
    public EventType type() {
        return type;
    }

    /**
     * When the event happened.
     *
     * @return the timestamp, truncated to milliseconds
     */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * The event data.
     *
     * @return the data, as given
     */
    public Object data() {
        return data;
    }

    /**
     * The key under which a second publish within the idempotency window is a duplicate.
     *
     * @return the key, or empty when every publish of this event stores a message
     */
    public Optional<IdempotencyKey> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * The ordering key, if one was given: to an endpoint set to
     * {@linkplain io.cactus.webhooks.endpoint.EndpointOrdering ordered delivery}, the deliveries of
     * events with the same key are sent one at a time, in the order their publishing transactions
     * committed. Endpoints that are not ordered ignore it.
     *
     * @return the key, 1 to {@value #MAX_ORDERING_KEY} characters; empty if none was given
     */
    public java.util.Optional<String> orderingKey() {
        return java.util.Optional.ofNullable(orderingKey);
    }

    /**
     * The tenant the event belongs to: it goes only to that tenant's subscribed endpoints. Null
     * (the default) for an event of the application itself, which goes only to endpoints without
     * a tenant, as before tenants existed.
     *
     * @return the tenant, or null for none
     */
    public @Nullable TenantId tenant() {
        return tenant;
    }

    /** Longest ordering key (the JDBC column). */
    public static final int MAX_ORDERING_KEY = 255;

    /**
     * Checks an ordering key as {@link Builder#orderingKey(String)} does.
     *
     * @param key the key
     * @return the key, unchanged
     * @throws IllegalArgumentException if it is null, blank, longer than {@value #MAX_ORDERING_KEY}
     *     characters or holds a control character
     */
    public static String validateOrderingKey(@Nullable String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("ordering key must not be null or blank");
        }
        if (key.length() > MAX_ORDERING_KEY) {
            throw new IllegalArgumentException("ordering key must be at most " + MAX_ORDERING_KEY
                    + " characters, was " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("ordering key must not contain a control character (at index "
                        + i + ")");
            }
        }
        return key;
    }

    /**
     * A copy of this event with the given message id, for callers that bring their own ids.
     *
     * @param newId the message id
     * @return a new event; this one is unchanged
     * @throws IllegalArgumentException if the id is not valid ({@link MessageId#validate})
     */
    public WebhookEvent withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * A builder holding every setting of this event, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder(type, data).id(id).timestamp(timestamp);
        b.idempotencyKey = idempotencyKey;
        b.orderingKey = orderingKey;
        b.tenant = tenant;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookEvent e && id.equals(e.id) && type.equals(e.type)
                && timestamp.equals(e.timestamp) && data.equals(e.data)
                && Objects.equals(idempotencyKey, e.idempotencyKey) && Objects.equals(orderingKey, e.orderingKey)
                && Objects.equals(tenant, e.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, timestamp, data, idempotencyKey, orderingKey, tenant);
    }

    /** Leaves out the data and the idempotency key, which may be large or personal. */
    @Override
    public String toString() {
        return "WebhookEvent[id=" + id + ", type=" + type + ", timestamp=" + timestamp
                + (orderingKey == null ? "" : ", orderingKey=" + orderingKey)
                + (tenant == null ? "" : ", tenant=" + tenant) + "]";
    }

    /**
     * Builds a {@link WebhookEvent}; each argument is checked at the call and a bad one named.
     * Defaults, filled in by {@link #build()}: a fresh {@link MessageId#generate() message id} and the
     * current time. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String id;
        private EventType type;
        private @Nullable Instant timestamp;
        private Object data;
        private @Nullable IdempotencyKey idempotencyKey;
        private @Nullable String orderingKey;
        private @Nullable TenantId tenant;

        private Builder(EventType type, Object data) {
            this.type = checkType(type);
            this.data = checkData(data);
        }

        private static EventType checkType(@Nullable EventType value) {
            if (value == null) {
                throw new IllegalArgumentException("event type must not be null");
            }
            return value;
        }

        private static Object checkData(@Nullable Object value) {
            if (value == null) {
                throw new IllegalArgumentException(
                        "event data must not be null (use an empty map for an event without data)");
            }
            return value;
        }

        /**
         * The message id, for callers that bring their own (an id of their system, an id from
         * {@link MessageId#generator(Clock)}).
         *
         * @param value the message id
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid message id ({@link MessageId#validate})
         */
        public Builder id(String value) {
            this.id = MessageId.validate(value);
            return this;
        }

        /**
         * The event type.
         *
         * @param value the type
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder type(EventType value) {
            this.type = checkType(value);
            return this;
        }

        /**
         * When the event happened; truncated to milliseconds when built. Default: the time of
         * {@link #build()}, from the system clock.
         *
         * @param value the timestamp
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder timestamp(Instant value) {
            if (value == null) {
                throw new IllegalArgumentException("event timestamp must not be null");
            }
            this.timestamp = value;
            return this;
        }

        /**
         * The event data.
         *
         * @param value the data, as the serializer can write it; an empty map for no data
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder data(Object value) {
            this.data = checkData(value);
            return this;
        }

        // --- idempotent publishing (issue 14) ---

        /**
         * The idempotency key: a second publish of an event with this key within the instance's
         * idempotency window ({@code Webhooks.Builder#idempotencyWindow}, default 24 hours) stores
         * nothing and returns the first publish's receipt, marked
         * {@link PublishOutcome#DUPLICATE}. Default: none.
         *
         * @param value 1 to {@value IdempotencyKey#MAX_LENGTH} characters of printable ASCII
         * @return this builder
         * @throws IllegalArgumentException if the key is not valid (the message says why; see
         *     {@link IdempotencyKey})
         */
        public Builder idempotencyKey(String value) {
            this.idempotencyKey = new IdempotencyKey(value);
            return this;
        }

        /**
         * The idempotency key, as {@link #idempotencyKey(String)}; null removes it.
         *
         * @param value the key, or null for none
         * @return this builder
         */
        public Builder idempotencyKey(@Nullable IdempotencyKey value) {
            this.idempotencyKey = value;
            return this;
        }

        // --- end of idempotent publishing ---

        /**
         * The ordering key (for example a client id): to an ordered endpoint, events with the same
         * key are delivered one at a time in commit order. Default: none.
         *
         * @param value the key: 1 to {@value WebhookEvent#MAX_ORDERING_KEY} characters, not blank,
         *     no control characters
         * @return this builder
         * @throws IllegalArgumentException naming what is wrong with the key
         */
        public Builder orderingKey(String value) {
            this.orderingKey = validateOrderingKey(value);
            return this;
        }

        /**
         * The tenant whose endpoints the event goes to. Default: none (the application's own
         * endpoints, those without a tenant).
         *
         * @param value the tenant, or null for none
         * @return this builder
         */
        public Builder tenant(@Nullable TenantId value) {
            this.tenant = value;
            return this;
        }

        /**
         * Builds the event, filling in a fresh message id and the current time where none was given.
         *
         * @return a new event
         */
        public WebhookEvent build() {
            return new WebhookEvent(this);
        }
    }
}
