package io.cactus.webhooks.signing;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A symmetric Standard Webhooks secret: {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes. The key is the decoded bytes.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key; {@link #encoded()} does,
 * for storing it or handing it to a receiver.
 */
public final class WebhookSecret {

    /** The prefix of the text form. */
    public static final String PREFIX = "whsec_";
    /** Fewest key bytes accepted. */
    public static final int MIN_BYTES = 24;
    /** Most key bytes accepted. */
    public static final int MAX_BYTES = 64;
    /** Key bytes of a generated secret. */
    public static final int GENERATED_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Parses {@code whsec_<base64>}. The prefix may be left out, as the Standard Webhooks
     * libraries allow. Surrounding whitespace is ignored.
     *
     * @param text {@code whsec_<base64>} or the base64 alone
     * @return the secret
     * @throws IllegalArgumentException if the text is null or blank, is not base64, or decodes to
     *     fewer than 24 or more than 64 bytes; the message never contains the secret
     */
    public static WebhookSecret parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be null or blank");
        }
        String b64 = text.strip();
        if (b64.startsWith(PREFIX)) {
            b64 = b64.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "webhook secret is not valid: expected 'whsec_' followed by standard base64");
        }
        return new WebhookSecret(checkLength(key));
    }

    /**
     * A secret with this key.
     *
     * @param key {@value #MIN_BYTES} to {@value #MAX_BYTES} bytes; copied
     * @return the secret
     * @throws IllegalArgumentException if the key is null or of another length
     */
    public static WebhookSecret ofBytes(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("webhook secret key must not be null");
        }
        return new WebhookSecret(checkLength(key.clone()));
    }

    /**
     * A new secret of {@value #GENERATED_BYTES} random bytes from a shared {@link SecureRandom}.
     *
     * @return the secret
     */
    public static WebhookSecret generate() {
        return generate(RANDOM);
    }

    /**
     * A new secret of {@value #GENERATED_BYTES} bytes from {@code random}.
     *
     * @param random the source of the bytes
     * @return the secret
     * @throws NullPointerException if {@code random} is null
     */
    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key);
    }

    private static byte[] checkLength(byte[] key) {
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("webhook secret decodes to " + key.length
                    + " bytes; expected " + MIN_BYTES + " to " + MAX_BYTES);
        }
        return key;
    }

    /**
     * The text form, for storing the secret or handing it to a receiver. This reveals the secret.
     *
     * @return {@code whsec_<base64>}
     */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The key. This reveals the secret.
     *
     * @return a copy of the key bytes
     */
    public byte[] keyBytes() {
        return key.clone();
    }

    byte[] key() {
        return key;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookSecret s && MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return key.length; // deliberately weak: a hash of the key would leak bits of it
    }

    @Override
    public String toString() {
        return "WebhookSecret[whsec_****]";
    }
}
