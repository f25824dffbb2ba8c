package io.cactus.dashboard.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The token format: {@code cdt_} + 32 random bytes in URL-safe base64 without padding (47 characters),
 * and its stored form: the lower-case hex SHA-256 of the whole token's UTF-8 bytes. 256 random bits
 * need no salt and no slow hash: nobody can guess a token from its hash, and a fast hash keeps the
 * check per request in the microseconds (unlike BCrypt, built to be slow for human passwords).
 */
public final class ApiTokens {

    /** Every token starts with this, so that secret scanners and people recognise one. */
    public static final String PREFIX = "cdt_";

    static final int RANDOM_BYTES = 32;
    static final int LENGTH = PREFIX.length() + 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: hex SHA-256 of all of it, prefix included. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** True when the text has the shape of a token; anything else is refused without a database lookup. */
    static boolean wellFormed(String token) {
        if (token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64Url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64Url) {
                return false;
            }
        }
        return true;
    }
}
