package io.cactus.webhooks;

import java.util.regex.Pattern;

/**
 * The name of a kind of event, such as {@code order.created}: one or more dot-separated segments
 * of ASCII letters, digits and {@code _}, at most 255 characters.
 *
 * <p>Immutable and thread-safe. Applications define their own types with {@link #of(String)},
 * usually as constants: {@code static final EventType ORDER_CREATED = EventType.of("order.created");}.
 *
 * @param name the validated name, never null
 */
public record EventType(String name) {

    /** Longest accepted name; keeps names storable in an indexed database column. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    /**
     * Checks the name.
     *
     * @param name one or more dot-separated segments of ASCII letters, digits and {@code _}, at
     *     most {@value #MAX_LENGTH} characters
     * @throws IllegalArgumentException if {@code name} is null, empty, too long, or not made of
     *     dot-separated segments of letters, digits and {@code _}; the message names the value
     */
    public EventType {
        if (name == null) {
            throw new IllegalArgumentException("event type name must not be null");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("event type name is " + name.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid event type name '" + name
                    + "': expected dot-separated segments of letters, digits and '_', such as 'client.created'");
        }
    }

    /**
     * Returns the event type with this name; see the constructor for the rules.
     *
     * @param name the name, such as {@code order.created}
     * @return a new event type, equal to every other of this name
     * @throws IllegalArgumentException if the name is not valid
     */
    public static EventType of(String name) {
        return new EventType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
