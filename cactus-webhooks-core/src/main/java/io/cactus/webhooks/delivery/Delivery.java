package io.cactus.webhooks.delivery;

import io.cactus.webhooks.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one delivery, as the store reports it: it does not change when the delivery
 * does. Immutable and thread-safe.
 *
 * @param id the delivery id ({@code dlv_...})
 * @param messageId the message id, also the {@code webhook-id} header
 * @param endpointId the endpoint it goes to
 * @param eventType the event type name
 * @param status where it stands
 * @param attempts attempts started in the current round (a redelivery starts a new round)
 * @param createdAt when it was stored
 * @param nextAttemptAt when it is due (pending, retrying) or its lease ends (in flight); null when terminal
 * @param lastAttemptAt when the last attempt started, or null
 * @param lastStatusCode the last HTTP status, or null
 * @param lastError the last error text, or null
 * @param tenant the tenant of its message (and so of its endpoint), or null for none
 */
public record Delivery(String id, String messageId, String endpointId, String eventType,
        DeliveryStatus status, int attempts, Instant createdAt, @Nullable Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError,
        @Nullable TenantId tenant) {

    /**
     * A delivery without a tenant (as every delivery was before tenants existed).
     *
     * @param id the delivery id
     * @param messageId the message id
     * @param endpointId the endpoint it goes to
     * @param eventType the event type name
     * @param status where it stands
     * @param attempts attempts started in the current round
     * @param createdAt when it was stored
     * @param nextAttemptAt when it is due, or null when terminal
     * @param lastAttemptAt when the last attempt started, or null
     * @param lastStatusCode the last HTTP status, or null
     * @param lastError the last error text, or null
     */
    public Delivery(String id, String messageId, String endpointId, String eventType,
            DeliveryStatus status, int attempts, Instant createdAt, @Nullable Instant nextAttemptAt,
            @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError) {
        this(id, messageId, endpointId, eventType, status, attempts, createdAt, nextAttemptAt, lastAttemptAt,
                lastStatusCode, lastError, null);
    }
}
