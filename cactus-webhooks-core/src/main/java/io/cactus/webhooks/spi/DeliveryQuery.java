package io.cactus.webhooks.spi;

import io.cactus.webhooks.delivery.DeliveryStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A filter over deliveries; null fields match everything. Results are newest first.
 *
 * @param status only this status
 * @param endpointId only this endpoint
 * @param eventType only this event type name
 * @param createdFrom created at or after
 * @param createdBefore created before (not before {@code createdFrom})
 * @param offset rows to skip
 * @param limit most rows, 1 to 1000
 */
public record DeliveryQuery(@Nullable DeliveryStatus status, @Nullable String endpointId, @Nullable String eventType,
        @Nullable Instant createdFrom, @Nullable Instant createdBefore, int offset, int limit) {

    /** @throws IllegalArgumentException naming the first invalid argument */
    public DeliveryQuery {
        if (createdFrom != null && createdBefore != null && createdBefore.isBefore(createdFrom)) {
            throw new IllegalArgumentException("createdBefore (" + createdBefore + ") is before createdFrom ("
                    + createdFrom + ")");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, was " + limit);
        }
    }

    /** Everything, newest 100. */
    public static DeliveryQuery all() {
        return new DeliveryQuery(null, null, null, null, null, 0, 100);
    }

    public DeliveryQuery withStatus(@Nullable DeliveryStatus value) {
        return new DeliveryQuery(value, endpointId, eventType, createdFrom, createdBefore, offset, limit);
    }

    public DeliveryQuery withEndpoint(@Nullable String value) {
        return new DeliveryQuery(status, value, eventType, createdFrom, createdBefore, offset, limit);
    }

    public DeliveryQuery withEventType(@Nullable String value) {
        return new DeliveryQuery(status, endpointId, value, createdFrom, createdBefore, offset, limit);
    }

    public DeliveryQuery createdBetween(@Nullable Instant from, @Nullable Instant before) {
        return new DeliveryQuery(status, endpointId, eventType, from, before, offset, limit);
    }

    public DeliveryQuery page(int newOffset, int newLimit) {
        return new DeliveryQuery(status, endpointId, eventType, createdFrom, createdBefore, newOffset, newLimit);
    }
}
