package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookMessage;
import java.time.Instant;

/**
 * A delivery leased to one dispatcher for one attempt.
 *
 * @param deliveryId the delivery
 * @param endpointId its endpoint
 * @param message the message, with the exact bytes to send
 * @param attempt the number of this attempt within the round, from 1 (counted at claim time,
 *     so an attempt lost in a crash still counts against the schedule)
 * @param leaseToken fences this claim: a record with another token is refused
 * @param createdAt when the delivery was stored
 */
public record ClaimedDelivery(String deliveryId, String endpointId, WebhookMessage message, int attempt,
        String leaseToken, Instant createdAt) {
}
