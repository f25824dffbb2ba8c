package io.cactus.webhooks;

import io.cactus.webhooks.internal.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An event serialised into its envelope: the exact bytes that are stored, signed and sent, and the
 * trace context that was current when it was published, if any ({@link #traceContext()}).
 *
 * <p>A message read back after retention removed its payload ({@link #isPayloadExpunged()}) keeps
 * its id, type, timestamp and trace context; its body accessors throw
 * {@link PayloadExpungedException} rather than return an empty body, and its deliveries cannot be
 * sent again.
 *
 * <p>Immutable and thread-safe: the body is copied in and {@link #body()} returns a copy;
 * {@link #bodyLength()} and {@link #bodyAsString()} avoid a copy where one is not needed.
 */
public final class WebhookMessage {

    private final String id;
    private final EventType type;
    private final Instant timestamp;
    private final byte[] body;
    private final @Nullable W3cTraceContext traceContext;
    /** When retention removed the payload (then {@code body} is empty), or null while it is kept. */
    private final @Nullable Instant payloadExpungedAt;
    /** The tenant of the event (issue 15), or null for the application's own. */
    private final @Nullable TenantId tenant;

    /**
     * A message without a trace context, around a copy of {@code body}. The body is not parsed: a store that reads a
     * message back, or a test, gives the bytes as they were written.
     *
     * @param id the message id, checked by {@link MessageId#validate}
     * @param type the event type
     * @param timestamp the event's timestamp
     * @param body the envelope bytes; copied
     * @throws IllegalArgumentException if an argument is null or the id is invalid
     */
    public WebhookMessage(String id, EventType type, Instant timestamp, byte[] body) {
        this(id, type, timestamp, body, (W3cTraceContext) null);
    }

    /**
     * A message with the trace context of its publish; what a {@link io.cactus.webhooks.spi.DeliveryStore}
     * reads back.
     *
     * @param id the message id, checked by {@link MessageId#validate}
     * @param type the event type
     * @param timestamp the event's timestamp
     * @param body the envelope bytes; copied
     * @param traceContext the trace context current at publish time, or null for none
     * @throws IllegalArgumentException if an argument other than {@code traceContext} is null or the
     *     id is invalid
     */
    public WebhookMessage(String id, EventType type, Instant timestamp, byte[] body,
            @Nullable W3cTraceContext traceContext) {
        this.id = MessageId.validate(id);
        if (type == null || timestamp == null || body == null) {
            throw new IllegalArgumentException("type, timestamp and body must not be null");
        }
        this.type = type;
        this.timestamp = timestamp;
        this.body = body.clone();
        this.traceContext = traceContext;
        this.payloadExpungedAt = null;
        this.tenant = null;
    }

    /**
     * A message whose payload retention removed: what a {@link io.cactus.webhooks.spi.DeliveryStore}
     * reads back for it.
     *
     * @param id the message id, checked by {@link MessageId#validate}
     * @param type the event type
     * @param timestamp the event's timestamp
     * @param payloadExpungedAt when the payload was removed
     * @param traceContext the trace context current at publish time, or null for none
     * @return a message whose body accessors throw {@link PayloadExpungedException}
     * @throws IllegalArgumentException if an argument other than {@code traceContext} is null or the
     *     id is invalid
     */
    public static WebhookMessage expunged(String id, EventType type, Instant timestamp, Instant payloadExpungedAt,
            @Nullable W3cTraceContext traceContext) {
        if (type == null || timestamp == null || payloadExpungedAt == null) {
            throw new IllegalArgumentException("type, timestamp and payloadExpungedAt must not be null");
        }
        return new WebhookMessage(MessageId.validate(id), type, timestamp, new byte[0], traceContext,
                payloadExpungedAt, null);
    }

    static {
        Messages.install(new Messages.Access() {
            @Override
            public WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
                    @Nullable W3cTraceContext traceContext) {
                return new WebhookMessage(id, type, timestamp, body, traceContext, null, null);
            }

            @Override
            public WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
                    @Nullable W3cTraceContext traceContext, @Nullable TenantId tenant) {
                return new WebhookMessage(id, type, timestamp, body, traceContext, null, tenant);
            }

            @Override
            public byte[] body(WebhookMessage message) {
                return message.body;
            }
        });
    }

    private WebhookMessage(String id, EventType type, Instant timestamp, byte[] body,
            @Nullable W3cTraceContext traceContext, @Nullable Instant payloadExpungedAt, @Nullable TenantId tenant) {
        this.id = id;
        this.type = type;
        this.timestamp = timestamp;
        this.body = body;
        this.traceContext = traceContext;
        this.payloadExpungedAt = payloadExpungedAt;
        this.tenant = tenant;
    }

    /**
     * The tenant of the event this message was made of: its deliveries go to that tenant's
     * endpoints only, and a view scoped to another tenant does not see it.
     *
     * @return the tenant, or null for a message of the application itself
     */
    public @Nullable TenantId tenant() {
        return tenant;
    }

    /**
     * A copy of this message belonging to {@code newTenant}, the body shared (not copied again):
     * what a store reads back for a message stored with a tenant.
     *
     * @param newTenant the tenant, or null for none
     * @return a message equal to this one but for its tenant (this one if the tenant is the same)
     */
    public WebhookMessage withTenant(@Nullable TenantId newTenant) {
        if (Objects.equals(tenant, newTenant)) {
            return this;
        }
        return new WebhookMessage(id, type, timestamp, body, traceContext, payloadExpungedAt, newTenant);
    }

    /**
     * The message id, sent as {@code webhook-id}.
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
     * The event's timestamp, as in the envelope.
     *
     * @return the timestamp
     */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * A copy of the envelope bytes.
     *
     * @return a fresh array the caller may keep and modify
     * @throws PayloadExpungedException if retention removed the payload ({@link #isPayloadExpunged()})
     */
    public byte[] body() {
        requirePayload();
        return body.clone();
    }

    /**
     * The envelope's size, without a copy.
     *
     * @return the number of bytes
     * @throws PayloadExpungedException if retention removed the payload ({@link #isPayloadExpunged()})
     */
    public int bodyLength() {
        requirePayload();
        return body.length;
    }

    /**
     * Whether retention removed this message's payload (its metadata was kept).
     *
     * @return true if the body accessors throw {@link PayloadExpungedException}
     */
    public boolean isPayloadExpunged() {
        return payloadExpungedAt != null;
    }

    /**
     * When retention removed this message's payload.
     *
     * @return the instant; empty while the payload is kept
     */
    public Optional<Instant> payloadExpungedAt() {
        return Optional.ofNullable(payloadExpungedAt);
    }

    private void requirePayload() {
        Instant expungedAt = payloadExpungedAt;
        if (expungedAt != null) {
            throw new PayloadExpungedException(id, expungedAt, "read the body of message " + id);
        }
    }

    /**
     * The trace context that was current when the message was published (supplied by a
     * {@link io.cactus.webhooks.spi.WebhookObserver}).
     *
     * @return the context; empty when there was none or nothing traced
     */
    public Optional<W3cTraceContext> traceContext() {
        return Optional.ofNullable(traceContext);
    }

    /**
     * The envelope as text.
     *
     * @return the bytes decoded as UTF-8
     * @throws PayloadExpungedException if retention removed the payload ({@link #isPayloadExpunged()})
     */
    public String bodyAsString() {
        requirePayload();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookMessage m && id.equals(m.id) && type.equals(m.type)
                && timestamp.equals(m.timestamp) && Arrays.equals(body, m.body)
                && Objects.equals(traceContext, m.traceContext) && Objects.equals(payloadExpungedAt, m.payloadExpungedAt)
                && Objects.equals(tenant, m.tenant);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Leaves out the body. */
    @Override
    public String toString() {
        return "WebhookMessage[id=" + id + ", type=" + type + ", timestamp=" + timestamp
                + (payloadExpungedAt == null ? ", bodyLength=" + body.length : ", payloadExpungedAt=" + payloadExpungedAt)
                + (traceContext == null ? "" : ", traceparent=" + traceContext.traceparent())
                + (tenant == null ? "" : ", tenant=" + tenant)
                + "]";
    }
}
