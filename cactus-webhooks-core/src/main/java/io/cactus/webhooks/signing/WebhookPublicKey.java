package io.cactus.webhooks.signing;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The public half of a {@link WebhookSigningKey}: {@code whpk_} followed by the base64 of the raw
 * 32-byte Ed25519 public key. Not a secret.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookPublicKey {

    /** The prefix of the text form. */
    public static final String PREFIX = "whpk_";

    private final byte[] raw;
    private final PublicKey key;

    private WebhookPublicKey(byte[] raw) {
        this.raw = raw;
        this.key = Ed25519.publicKey(raw);
    }

    /**
     * Parses the text form; surrounding whitespace is ignored.
     *
     * @param text {@code whpk_} and the base64 of the 32-byte key
     * @return the key
     * @throws IllegalArgumentException if the text is not {@code whpk_} and the base64 of 32 bytes
     */
    public static WebhookPublicKey parse(String text) {
        if (text == null || !text.strip().startsWith(PREFIX)) {
            throw new IllegalArgumentException("public key must start with '" + PREFIX + "'");
        }
        try {
            return ofBytes(Base64.getDecoder().decode(text.strip().substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not '" + PREFIX
                    + "' followed by the base64 of 32 bytes: " + e.getMessage(), e);
        }
    }

    /**
     * A public key from its raw bytes.
     *
     * @param raw the 32-byte Ed25519 public key; copied
     * @return the key
     * @throws IllegalArgumentException if the array is null or not 32 bytes, or not a valid key
     */
    public static WebhookPublicKey ofBytes(byte[] raw) {
        if (raw == null || raw.length != Ed25519.KEY_BYTES) {
            throw new IllegalArgumentException("public key must be " + Ed25519.KEY_BYTES + " bytes, was "
                    + (raw == null ? "null" : raw.length + " bytes"));
        }
        return new WebhookPublicKey(raw.clone());
    }

    /**
     * The text form, to give to receivers.
     *
     * @return {@code whpk_<base64>}
     */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(raw);
    }

    /**
     * The raw key.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] keyBytes() {
        return raw.clone();
    }

    PublicKey key() {
        return key;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookPublicKey k && Arrays.equals(raw, k.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
