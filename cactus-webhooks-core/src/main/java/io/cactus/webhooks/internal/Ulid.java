package io.cactus.webhooks.internal;

import java.security.SecureRandom;

/**
 * Monotonic ULIDs: 48 bits of milliseconds and 80 random bits, Crockford base32. Within one
 * millisecond the random part is incremented, so ids from one JVM are strictly increasing.
 */
public final class Ulid {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static long lastMillis;
    private static long randomHigh; // 16 bits
    private static long randomLow;  // 64 bits

    private Ulid() {
    }

    public static String next() {
        long millis;
        long high;
        long low;
        synchronized (Ulid.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                randomHigh = RANDOM.nextInt(1 << 16);
                randomLow = RANDOM.nextLong();
            } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & 0xFFFF) == 0) {
                // 80 random bits overflowed within one millisecond: borrow the next millisecond.
                lastMillis++;
            }
            millis = lastMillis;
            high = randomHigh;
            low = randomLow;
        }
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
}
