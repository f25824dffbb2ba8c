package io.cactus.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One event to send: its message id, type, time and data.
 *
 * <p>The data is any object the {@link io.cactus.webhooks.spi.PayloadSerializer} can write (with
 * the Jackson default: a POJO, record, {@code Map}, or a pre-built {@code JsonNode} tree). It is
 * serialised once, at publish time, into the envelope
 * {@code {"type":...,"timestamp":...,"data":...}}; the event is not used after that.
 *
 * <p>Immutable if its data is; thread-safe then.
 *
 * @param id the message id, sent as {@code webhook-id}; see {@link MessageId}
 * @param type the event type
 * @param timestamp when the event happened, truncated to milliseconds
 * @param data the event data, never null
 */
public record WebhookEvent(String id, EventType type, Instant timestamp, Object data) {

    /**
     * @throws IllegalArgumentException if an argument is null or the id is not a valid message id
     */
    public WebhookEvent {
        MessageId.validate(id);
        if (type == null) {
            throw new IllegalArgumentException("event type must not be null");
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("event timestamp must not be null");
        }
        if (data == null) {
            throw new IllegalArgumentException(
                    "event data must not be null (use an empty map for an event without data)");
        }
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new event of this type with a fresh message id, timestamped now. */
    public static WebhookEvent of(EventType type, Object data) {
        return of(type, data, Clock.systemUTC());
    }

    /** A new event of this type with a fresh message id, timestamped by {@code clock}. */
    public static WebhookEvent of(EventType type, Object data, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new WebhookEvent(MessageId.generate(), type, clock.instant(), data);
    }

    /** A new event of the type named {@code type}, with a fresh message id, timestamped now. */
    public static WebhookEvent of(String type, Object data) {
        return of(EventType.of(type), data);
    }

    /** A copy of this event with the given message id, for callers that bring their own ids. */
    public WebhookEvent withId(String newId) {
        return new WebhookEvent(newId, type, timestamp, data);
    }

    /** Leaves out the data, which may be large or personal. */
    @Override
    public String toString() {
        return "WebhookEvent[id=" + id + ", type=" + type + ", timestamp=" + timestamp + "]";
    }
}
