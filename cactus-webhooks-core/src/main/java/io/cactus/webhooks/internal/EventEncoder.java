package io.cactus.webhooks.internal;

import io.cactus.webhooks.PayloadTooLargeException;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.json.PayloadSerializers;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns events into {@link WebhookMessage}s: serialises each event once with a
 * {@link PayloadSerializer} and enforces the payload size limit.
 *
 * <p>Immutable and thread-safe if its serializer is.
 */
public final class EventEncoder {

    /** The default payload limit: 256 KiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    private final PayloadSerializer serializer;
    private final int maxPayloadBytes;

    /**
     * @param serializer writes the envelope
     * @param maxPayloadBytes the largest envelope accepted, in bytes; at least 1
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is below 1
     * @throws IllegalStateException if the serializer is the stand-in of
     *     {@link PayloadSerializers#detectOrUnavailable()}: there is no JSON library to write with
     */
    public EventEncoder(PayloadSerializer serializer, int maxPayloadBytes) {
        this.serializer = PayloadSerializers.requireAvailable(Objects.requireNonNull(serializer, "serializer"));
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 1, was " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * The default serializer ({@link PayloadSerializers#detect()}: Jackson 3 if present, else
     * Jackson 2) and the default 256 KiB limit.
     *
     * @throws IllegalStateException if neither Jackson is on the classpath
     */
    public static EventEncoder defaults() {
        return new EventEncoder(PayloadSerializers.detect(), DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * @throws PayloadTooLargeException if the envelope is larger than the limit
     * @throws WebhookException if the data cannot be serialised (the cause says why)
     */
    public WebhookMessage encode(WebhookEvent event) {
        return encode(event, null);
    }

    /**
     * As {@link #encode(WebhookEvent)}, with the trace context current at publish time.
     *
     * @param traceContext stored and sent with the message; null for none
     */
    public WebhookMessage encode(WebhookEvent event, @Nullable W3cTraceContext traceContext) {
        Objects.requireNonNull(event, "event");
        byte[] body = serializer.serialize(event);
        if (body.length > maxPayloadBytes) {
            throw new PayloadTooLargeException(event.id(), event.type(), body.length, maxPayloadBytes);
        }
        return Messages.wrap(event.id(), event.type(), event.timestamp(), body, traceContext, event.tenant());
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }
}
