package io.cactus.webhooks.operational;

import io.cactus.webhooks.EventType;
import java.util.Locale;

/**
 * The kinds of operational event, each with its wire name (the envelope's {@code type}). The names
 * are part of the wire contract: a change that is not only an added field gets a new name.
 *
 * <p>Immutable and thread-safe.
 */
public enum OperationalEventType {

    /** An endpoint failed too often in a row (or its probe failed) and is paused. */
    ENDPOINT_PAUSED("endpoint.paused"),
    /** A paused endpoint answered 2xx again. */
    ENDPOINT_RECOVERED("endpoint.recovered"),
    /** An endpoint was disabled: 410 Gone, failing for too long, or by hand. */
    ENDPOINT_DISABLED("endpoint.disabled"),
    /** A delivery used its last attempt, or failed permanently: it is DEAD. */
    DELIVERY_DEAD("delivery.dead");

    private final String wireName;
    private final EventType eventType;

    OperationalEventType(String wireName) {
        this.wireName = wireName;
        this.eventType = EventType.of(wireName);
    }

    /**
     * The name sent as the envelope's {@code type}.
     *
     * @return such as {@code endpoint.paused}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The event type of the webhook that carries this kind.
     *
     * @return the event type named {@link #wireName()}
     */
    public EventType eventType() {
        return eventType;
    }

    /**
     * The kind with this wire name or constant name, ignoring case and surrounding whitespace.
     *
     * @param name such as {@code endpoint.paused} or {@code ENDPOINT_PAUSED}
     * @return the kind
     * @throws IllegalArgumentException if the name is null or names no kind; the message lists the names
     */
    public static OperationalEventType parse(String name) {
        if (name != null) {
            String n = name.strip();
            for (OperationalEventType t : values()) {
                if (t.wireName.equalsIgnoreCase(n) || t.name().equalsIgnoreCase(n)) {
                    return t;
                }
            }
        }
        StringBuilder known = new StringBuilder();
        for (OperationalEventType t : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(t.wireName);
        }
        throw new IllegalArgumentException("unknown operational event type '" + name + "': expected one of " + known);
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
