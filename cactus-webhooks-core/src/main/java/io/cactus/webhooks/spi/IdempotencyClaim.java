package io.cactus.webhooks.spi;

import io.cactus.webhooks.IdempotencyKey;
import java.time.Instant;

/**
 * The idempotency key a message is stored under, and for how long it makes later publishes of the
 * key duplicates: a store keeps one key per store, unique, and a stored key whose
 * {@code expiresAt} is after the new claim's {@code claimedAt} is live. Immutable and thread-safe.
 *
 * @param key the key
 * @param claimedAt the publisher's time of this publish (the engine's clock): the instant the
 *     store compares stored keys' expiry with
 * @param expiresAt when this key stops making publishes duplicates ({@code claimedAt} plus the
 *     window); after it, retention may delete the key
 */
public record IdempotencyClaim(IdempotencyKey key, Instant claimedAt, Instant expiresAt) {

    /**
     * Checks the components.
     *
     * @param key the key
     * @param claimedAt the publisher's time
     * @param expiresAt the end of the window
     * @throws IllegalArgumentException if an argument is null or {@code expiresAt} is not after
     *     {@code claimedAt}
     */
    public IdempotencyClaim {
        if (key == null || claimedAt == null || expiresAt == null) {
            throw new IllegalArgumentException("key, claimedAt and expiresAt must not be null");
        }
        if (!expiresAt.isAfter(claimedAt)) {
            throw new IllegalArgumentException("expiresAt (" + expiresAt + ") must be after claimedAt (" + claimedAt + ")");
        }
    }

    /**
     * Whether a key stored with this expiry still makes this claim a duplicate.
     *
     * @param storedExpiresAt the stored key's expiry
     * @return true if it is after {@link #claimedAt()}
     */
    public boolean isLive(Instant storedExpiresAt) {
        return storedExpiresAt.isAfter(claimedAt);
    }
}
