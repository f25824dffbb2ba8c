package io.cactus.webhooks.delivery;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DeliveryListener}s hear about one finished attempt. Immutable and thread-safe.
 *
 * @param deliveryId the delivery
 * @param messageId the message id ({@code webhook-id})
 * @param endpointId the endpoint
 * @param url where it was sent
 * @param eventType the event type name
 * @param maxAttempts attempts allowed in this round
 * @param attempt the attempt itself (number, time, duration, status or error)
 * @param newStatus the delivery's status after it
 * @param nextAttemptAt when RETRYING: when the next attempt is due; otherwise null
 */
public record AttemptEvent(String deliveryId, String messageId, String endpointId, URI url, String eventType,
        int maxAttempts, DeliveryAttempt attempt, DeliveryStatus newStatus, @Nullable Instant nextAttemptAt) {
}
