package io.cactus.webhooks.signing;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * An asymmetric (Ed25519) signing key for {@code v1a} signatures: {@code whsk_} followed by the
 * base64 of the 64-byte libsodium form (32-byte seed, then the 32-byte public key). The 32-byte
 * seed alone is accepted too. Receivers get only the {@link #publicKey()}, so a leaked receiver
 * configuration cannot forge requests.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class WebhookSigningKey {

    /** The prefix of the text form. */
    public static final String PREFIX = "whsk_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] seed;
    private final WebhookPublicKey publicKey;
    private final PrivateKey privateKey;

    private WebhookSigningKey(byte[] seed) {
        this.seed = seed;
        this.publicKey = WebhookPublicKey.ofBytes(Ed25519.publicKeyOf(seed));
        this.privateKey = Ed25519.privateKey(seed);
    }

    /**
     * Parses the text form; surrounding whitespace is ignored.
     *
     * @param text {@code whsk_} and the base64 of the 64-byte libsodium form or the 32-byte seed
     * @return the key
     * @throws IllegalArgumentException if the text is not {@code whsk_} and the base64 of 32 or 64
     *     bytes, or if a 64-byte key's public half does not belong to its seed; the message never
     *     contains the key
     */
    public static WebhookSigningKey parse(String text) {
        if (text == null || !text.strip().startsWith(PREFIX)) {
            throw new IllegalArgumentException("signing key must start with '" + PREFIX + "'");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing key is not valid base64 after '" + PREFIX + "'");
        }
        if (raw.length != 32 && raw.length != 64) {
            throw new IllegalArgumentException(
                    "signing key decodes to " + raw.length + " bytes; expected 32 or 64");
        }
        WebhookSigningKey key = new WebhookSigningKey(Arrays.copyOf(raw, 32));
        if (raw.length == 64 && !MessageDigest.isEqual(
                Arrays.copyOfRange(raw, 32, 64), key.publicKey.keyBytes())) {
            throw new IllegalArgumentException("signing key's public half does not match its seed");
        }
        return key;
    }

    /**
     * A new random key, from a shared {@link SecureRandom}.
     *
     * @return the key
     */
    public static WebhookSigningKey generate() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        return new WebhookSigningKey(seed);
    }

    /**
     * The public key receivers verify with.
     *
     * @return the public half; not a secret
     */
    public WebhookPublicKey publicKey() {
        return publicKey;
    }

    /**
     * The text form, for storing the key. This reveals the key.
     *
     * @return {@code whsk_<base64 of seed + public key>}
     */
    public String encoded() {
        byte[] raw = Arrays.copyOf(seed, 64);
        System.arraycopy(publicKey.keyBytes(), 0, raw, 32, 32);
        return PREFIX + Base64.getEncoder().encodeToString(raw);
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookSigningKey k && MessageDigest.isEqual(seed, k.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "WebhookSigningKey[whsk_****, publicKey=" + publicKey.encoded() + "]";
    }
}
