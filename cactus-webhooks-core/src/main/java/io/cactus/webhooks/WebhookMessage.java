package io.cactus.webhooks;

import io.cactus.webhooks.internal.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An event serialised into its envelope: the exact bytes that are stored, signed and sent.
 *
 * <p>Immutable and thread-safe: the body is copied in and {@link #body()} returns a copy;
 * {@link #bodyLength()} and {@link #bodyAsString()} avoid a copy where one is not needed.
 */
public final class WebhookMessage {

    private final String id;
    private final EventType type;
    private final Instant timestamp;
    private final byte[] body;

    /**
     * A message around a copy of {@code body}. The body is not parsed: a store that reads a
     * message back, or a test, gives the bytes as they were written.
     *
     * @param id the message id, checked by {@link MessageId#validate}
     * @param type the event type
     * @param timestamp the event's timestamp
     * @param body the envelope bytes; copied
     * @throws IllegalArgumentException if an argument is null or the id is invalid
     */
    public WebhookMessage(String id, EventType type, Instant timestamp, byte[] body) {
        this.id = MessageId.validate(id);
        if (type == null || timestamp == null || body == null) {
            throw new IllegalArgumentException("type, timestamp and body must not be null");
        }
        this.type = type;
        this.timestamp = timestamp;
        this.body = body.clone();
    }

    static {
        Messages.install(new Messages.Access() {
            @Override
            public WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body) {
                return new WebhookMessage(id, type, timestamp, body, true);
            }

            @Override
            public byte[] body(WebhookMessage message) {
                return message.body;
            }
        });
    }

    private WebhookMessage(String id, EventType type, Instant timestamp, byte[] body, boolean trusted) {
        this.id = id;
        this.type = type;
        this.timestamp = timestamp;
        this.body = body;
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
                && timestamp.equals(m.timestamp) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Leaves out the body. */
    @Override
    public String toString() {
        return "WebhookMessage[id=" + id + ", type=" + type + ", timestamp=" + timestamp
                + ", bodyLength=" + body.length + "]";
    }
}
