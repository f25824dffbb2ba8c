package io.cactus.webhooks.faults;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh Standard Webhooks secrets ({@code whsec_} + 32 random bytes) for each test. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
