package io.cactus.webhooks;

import io.cactus.webhooks.internal.Ulid;
import java.time.Clock;

/**
 * Message ids: {@code msg_} followed by a 26-character ULID (Crockford base32), so ids sort by
 * creation time and never contain a dot, as Standard Webhooks requires.
 *
 * <p>Thread-safe. {@link #generate()} uses one generator on the system clock, shared by the JVM;
 * {@link #generator(Clock)} makes another one, timed by a given clock.
 */
public final class MessageId {

    /** The prefix of every generated id. */
    public static final String PREFIX = "msg_";

    /** Longest id accepted from outside; matches the database column. */
    public static final int MAX_LENGTH = 64;

    private static final Generator SYSTEM = new Generator(Clock.systemUTC());

    private MessageId() {
    }

    /**
     * Returns a new id, later in sort order than every id this method returned before in this JVM
     * (in this class loader).
     *
     * @return {@code msg_} and a ULID timed by the system clock
     */
    public static String generate() {
        return SYSTEM.next();
    }

    /**
     * A generator of ids whose time part comes from {@code clock}, for example a test clock: its ids
     * encode the clock's milliseconds and still increase strictly when the clock stands still or goes
     * back.
     *
     * @param clock the time source of the ids
     * @return a new, thread-safe generator; it shares no state with {@link #generate()}
     * @throws IllegalArgumentException if the clock is null
     */
    public static Generator generator(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        return new Generator(clock);
    }

    /**
     * Checks an id given by a caller (for example an idempotency key reused as message id). Any id
     * that passes is accepted; it need not have the {@value #PREFIX} prefix.
     *
     * @param id the id to check
     * @return the id, unchanged
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

    /**
     * Makes message ids timed by one clock, each later in sort order than the one before.
     * Thread-safe; keep one instance rather than making one per id.
     */
    public static final class Generator {

        private final Ulid ulid;

        private Generator(Clock clock) {
            this.ulid = new Ulid(clock);
        }

        /**
         * A new id, later in sort order than every id this generator returned before.
         *
         * @return {@code msg_} and a ULID timed by this generator's clock
         * @throws IllegalStateException if the clock is before 1970 (a ULID cannot encode it)
         */
        public String next() {
            return PREFIX + ulid.next();
        }
    }
}
