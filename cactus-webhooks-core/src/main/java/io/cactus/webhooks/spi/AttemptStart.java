package io.cactus.webhooks.spi;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.W3cTraceContext;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WebhookObserver} is told when an attempt starts. Holds no secret: no signing key,
 * no credential, no payload.
 *
 * @param deliveryId the delivery
 * @param messageId the message id ({@code webhook-id})
 * @param endpointId the endpoint
 * @param url where the attempt goes; null when the endpoint is disabled or no longer exists (the
 *     attempt then ends at once with {@link io.cactus.webhooks.delivery.FailureKind#ENDPOINT_UNAVAILABLE})
 * @param eventType the event type
 * @param attempt the number of this attempt within its round, from 1
 * @param traceContext the trace context stored with the message at publish time, or null for none
 */
public record AttemptStart(String deliveryId, String messageId, String endpointId, @Nullable URI url,
        EventType eventType, int attempt, @Nullable W3cTraceContext traceContext) {

    /**
     * Checks the values.
     *
     * @param deliveryId the delivery
     * @param messageId the message id
     * @param endpointId the endpoint
     * @param url where the attempt goes, or null
     * @param eventType the event type
     * @param attempt the attempt number, from 1
     * @param traceContext the publish-time trace context, or null
     * @throws IllegalArgumentException if a value other than {@code url} and {@code traceContext} is
     *     null, or attempt is below 1
     */
    public AttemptStart {
        if (deliveryId == null || messageId == null || endpointId == null || eventType == null) {
            throw new IllegalArgumentException("deliveryId, messageId, endpointId and eventType must not be null");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt of delivery " + deliveryId + " must be at least 1, was " + attempt);
        }
    }
}
