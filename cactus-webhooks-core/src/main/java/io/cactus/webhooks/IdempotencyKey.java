package io.cactus.webhooks;

/**
 * The caller's name for one publication, so that publishing it again (a retried request, a job run
 * twice) stores nothing new: within the instance's idempotency window a second publish with the
 * same key returns the first publish's receipt, marked {@link PublishOutcome#DUPLICATE}
 * (see {@link WebhookEvent.Builder#idempotencyKey(String)} and docs/api.md).
 *
 * <p>A key is 1 to {@value #MAX_LENGTH} characters of printable ASCII ({@code !} to {@code ~}: no
 * spaces, no control characters), compared exactly (case matters). Keys are one namespace per store,
 * across event types: give them a prefix of your own if two kinds of publication could share a
 * value ({@code order-42-placed}). A key is not a secret, but it may name a customer: the library
 * logs and reports it nowhere, and {@link #toString()} shows its length only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the key, as given
 */
public record IdempotencyKey(String value) {

    /** Longest key accepted: {@value} characters. */
    public static final int MAX_LENGTH = 255;

    /**
     * Checks the key.
     *
     * @param value the key
     * @throws IllegalArgumentException if it is null, empty, longer than {@value #MAX_LENGTH}
     *     characters, or holds a character outside printable ASCII (the message gives its position
     *     and code, not the key)
     */
    public IdempotencyKey {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("idempotency key must not be null or empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("idempotency key is " + value.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < '!' || ch > '~') {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "idempotency key has U+%04X at index %d; only printable ASCII ('!' to '~', no spaces) is allowed",
                        (int) ch, i));
            }
        }
    }

    /**
     * The key {@code value}; the same as the constructor.
     *
     * @param value the key
     * @return the key
     * @throws IllegalArgumentException as the constructor
     */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    /** Shows the length only: a key may name a customer or an order. */
    @Override
    public String toString() {
        return "IdempotencyKey[" + value.length() + " chars]";
    }
}
