package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookMessage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A delivery leased to one dispatcher for one attempt, as {@link DeliveryStore#claim} returns it.
 * Immutable and thread-safe.
 *
 * @param deliveryId the delivery
 * @param endpointId its endpoint
 * @param message the message, with the exact bytes to send
 * @param attempt the number of this attempt within the round, from 1 (counted at claim time,
 *     so an attempt lost in a crash still counts against the schedule)
 * @param leaseToken fences this claim: a record with another token is refused
 * @param createdAt when the delivery was stored
 * @param orderingKey the key this delivery is ordered by at its endpoint, or null when it is not
 *     ordered (no key, or an endpoint that was not ordered when it was published)
 */
public record ClaimedDelivery(String deliveryId, String endpointId, WebhookMessage message, int attempt,
        String leaseToken, Instant createdAt, @Nullable String orderingKey) {

    /**
     * A claim of a delivery that is not ordered.
     *
     * @param deliveryId the delivery
     * @param endpointId its endpoint
     * @param message the message
     * @param attempt the attempt number, from 1
     * @param leaseToken the lease's fencing token
     * @param createdAt when the delivery was stored
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ClaimedDelivery(String deliveryId, String endpointId, WebhookMessage message, int attempt,
            String leaseToken, Instant createdAt) {
        this(deliveryId, endpointId, message, attempt, leaseToken, createdAt, null);
    }

    /**
     * Checks the components.
     *
     * @param deliveryId the delivery
     * @param endpointId its endpoint
     * @param message the message
     * @param attempt the attempt number, from 1
     * @param leaseToken the lease's fencing token
     * @param createdAt when the delivery was stored
     * @param orderingKey the ordering key, or null
     * @throws IllegalArgumentException if a value is null, an id or the token blank, or attempt below 1
     */
    public ClaimedDelivery {
        if (deliveryId == null || deliveryId.isBlank() || endpointId == null || endpointId.isBlank()) {
            throw new IllegalArgumentException("deliveryId and endpointId must not be null or blank");
        }
        if (leaseToken == null || leaseToken.isBlank()) {
            throw new IllegalArgumentException("leaseToken of delivery " + deliveryId + " must not be null or blank");
        }
        if (message == null || createdAt == null) {
            throw new IllegalArgumentException("message and createdAt of delivery " + deliveryId + " must not be null");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt of delivery " + deliveryId + " must be at least 1, was " + attempt);
        }
    }
}
