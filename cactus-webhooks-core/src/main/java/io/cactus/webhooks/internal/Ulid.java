package io.cactus.webhooks.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/**
 * A generator of monotonic ULIDs: 48 bits of milliseconds from its clock and 80 random bits,
 * Crockford base32. Within one millisecond, and while the clock stands still or goes back, the
 * random part is incremented, so the ids of one instance are strictly increasing.
 *
 * <p>Thread-safe. Each instance keeps its own state; two instances never coordinate (their random
 * parts keep them apart).
 */
public final class Ulid {

    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final char[] ALPHABET = DIGITS.toCharArray();
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private final Clock clock;
    private final Random random;
    private long lastMillis = -1; // guarded by this
    private long randomHigh;      // 16 bits, guarded by this
    private long randomLow;       // 64 bits, guarded by this

    /** Ids timed by {@code clock}, random parts from a {@link SecureRandom}. */
    public Ulid(Clock clock) {
        this(clock, new SecureRandom());
    }

    /** Ids timed by {@code clock}, random parts from {@code random} (a seeded one makes tests repeatable). */
    public Ulid(Clock clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The next id, greater than every id this instance returned before.
     *
     * @throws IllegalStateException if the clock is before 1970 or after the year 10889
     */
    public String next() {
        long millis;
        long high;
        long low;
        synchronized (this) {
            long now = clock.millis();
            if (now < 0 || now > MAX_MILLIS) {
                throw new IllegalStateException("clock time " + now + " ms cannot be encoded in a ULID");
            }
            if (now > lastMillis) {
                lastMillis = now;
                randomHigh = random.nextInt(1 << 16);
                randomLow = random.nextLong();
            } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & 0xFFFF) == 0) {
                // 80 random bits overflowed within one millisecond: borrow the next millisecond.
                lastMillis++;
            }
            millis = lastMillis;
            high = randomHigh;
            low = randomLow;
        }
        return encode(millis, high, low);
    }

    /** The milliseconds since the epoch that {@code ulid} (26 characters) encodes. */
    public static long millisOf(String ulid) {
        if (ulid == null || ulid.length() != 26) {
            throw new IllegalArgumentException("a ULID has 26 characters, was " + ulid);
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            int digit = DIGITS.indexOf(ulid.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("'" + ulid + "' is not a ULID: bad character at index " + i);
            }
            millis = (millis << 5) | digit;
        }
        return millis;
    }

    private static String encode(long millis, long high, long low) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits -> 16 characters: the low 64 bits give 12 full characters and 4 bits.
        for (int i = 25; i >= 14; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        long rest = (high << 4) | low; // 16 + 4 = 20 bits -> 4 characters
        for (int i = 13; i >= 10; i--) {
            out[i] = ALPHABET[(int) (rest & 31)];
            rest >>>= 5;
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "Ulid[" + clock + "]";
    }
}
