package io.cactus.webhooks.endpoint;

import io.cactus.webhooks.EventType;

/**
 * Which event types an endpoint receives: an exact name ({@code client.created}), every type under
 * a prefix ({@code client.*}, which matches {@code client.created} and {@code client.a.b} but not
 * {@code client}), or everything ({@code *}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param pattern the filter as written
 */
public record EventFilter(String pattern) {

    /** Matches every event type. */
    public static final EventFilter ALL = new EventFilter("*");

    /**
     * Checks the pattern; surrounding whitespace is stripped.
     *
     * @param pattern {@code *}, an event type name, or an event type name followed by {@code .*}
     * @throws IllegalArgumentException if the pattern is not {@code *}, an event type name, or an
     *     event type name followed by {@code .*}
     */
    public EventFilter {
        if (pattern == null) {
            throw new IllegalArgumentException("event filter must not be null");
        }
        pattern = pattern.strip();
        if (!pattern.equals("*")) {
            String name = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
            try {
                EventType.of(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid event filter '" + pattern
                        + "': expected '*', an event type such as 'client.created', or a prefix such as 'client.*'");
            }
        }
    }

    /**
     * A filter from its text.
     *
     * @param pattern {@code *}, {@code client.created} or {@code client.*}
     * @return the filter
     * @throws IllegalArgumentException if the pattern is not valid
     */
    public static EventFilter of(String pattern) {
        return new EventFilter(pattern);
    }

    /**
     * Whether an event of this type passes the filter.
     *
     * @param type the event type
     * @return true if it matches
     */
    public boolean matches(EventType type) {
        if (pattern.equals("*")) {
            return true;
        }
        String name = type.name();
        if (pattern.endsWith(".*")) {
            int prefixLength = pattern.length() - 1; // keeps the dot
            return name.length() > prefixLength && name.regionMatches(0, pattern, 0, prefixLength);
        }
        return name.equals(pattern);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
