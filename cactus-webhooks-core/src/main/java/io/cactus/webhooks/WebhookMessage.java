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
 * <p>Immutable and thread-safe: the body is copied in and {@link #body()} returns a copy;
 * {@link #bodyLength()} and {@link #bodyAsString()} avoid a copy where one is not needed.
 */
public final class WebhookMessage {

    private final String id;
    private final EventType type;
    private final Instant timestamp;
    private final byte[] body;
    private final @Nullable W3cTraceContext traceContext;

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
    }

    static {
        Messages.install(new Messages.Access() {
            @Override
            public WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
                    @Nullable W3cTraceContext traceContext) {
                return new WebhookMessage(id, type, timestamp, body, traceContext, true);
            }

            @Override
            public byte[] body(WebhookMessage message) {
                return message.body;
            }
        });
    }

    private WebhookMessage(String id, EventType type, Instant timestamp, byte[] body,
            @Nullable W3cTraceContext traceContext, boolean trusted) {
        this.id = id;
        this.type = type;
        this.timestamp = timestamp;
        this.body = body;
        this.traceContext = traceContext;
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
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The envelope's size, without a copy.
     *
     * @return the number of bytes
     */
    public int bodyLength() {
        return body.length;
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
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookMessage m && id.equals(m.id) && type.equals(m.type)
                && timestamp.equals(m.timestamp) && Arrays.equals(body, m.body)
                && Objects.equals(traceContext, m.traceContext);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Leaves out the body. */
    @Override
    public String toString() {
        return "WebhookMessage[id=" + id + ", type=" + type + ", timestamp=" + timestamp
                + ", bodyLength=" + body.length + (traceContext == null ? "" : ", traceparent=" + traceContext.traceparent())
                + "]";
    }
}
