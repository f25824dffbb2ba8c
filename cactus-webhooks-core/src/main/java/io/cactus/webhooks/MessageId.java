package io.cactus.webhooks;

import io.cactus.webhooks.internal.Ulid;

/**
 * Message ids: {@code msg_} followed by a 26-character ULID (Crockford base32), so ids sort by
 * creation time and never contain a dot, as Standard Webhooks requires.
 *
 * <p>Thread-safe.
 */
public final class MessageId {

    /** The prefix of every generated id. */
    public static final String PREFIX = "msg_";

    /** Longest id accepted from outside; matches the database column. */
    public static final int MAX_LENGTH = 64;

    private MessageId() {
    }

    /** Returns a new id, later than or equal in sort order to every id this JVM generated before. */
    public static String generate() {
        return PREFIX + Ulid.next();
    }

    /**
     * Checks an id given by a caller (for example an idempotency key reused as message id).
     *
     * @return the id
     * @throws IllegalArgumentException if it is null, blank, longer than {@value #MAX_LENGTH},
     *     contains a dot, or contains characters other than printable ASCII without spaces
     */
    public static String validate(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("message id must not be null or empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("message id is " + id.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '.') {
                throw new IllegalArgumentException("message id '" + id
                        + "' contains a '.', which Standard Webhooks forbids");
            }
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("message id '" + id
                        + "' contains a character that is not printable ASCII at index " + i);
            }
        }
        return id;
    }
}
