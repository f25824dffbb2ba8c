package io.cactus.webhooks.delivery;

import io.cactus.webhooks.TenantId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which finished deliveries a replay sends again: the {@link DeliveryStatus#DEAD dead} and
 * {@link DeliveryStatus#CANCELLED cancelled} deliveries of one endpoint created in
 * {@code [from, before)}, of one event type or of all. Deliveries whose message's payload
 * retention removed are never selected (there is nothing to send). Immutable and thread-safe.
 *
 * @param endpointId the endpoint: not blank
 * @param eventType the exact event type, or null for every type
 * @param from the earliest creation time included
 * @param before the creation time from which deliveries are left out; after {@code from}
 * @param tenant only deliveries of this tenant's messages (a scoped admin's replay), or null for
 *     any; a store applies it in its statement ({@code tenant_id = ?})
 */
public record ReplaySelection(String endpointId, @Nullable String eventType, Instant from, Instant before,
        @Nullable TenantId tenant) {

    /**
     * A selection of any tenant's deliveries.
     *
     * @param endpointId the endpoint
     * @param eventType the exact event type, or null for every type
     * @param from the earliest creation time included
     * @param before the end of the range, excluded
     * @throws NullPointerException if {@code endpointId}, {@code from} or {@code before} is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ReplaySelection(String endpointId, @Nullable String eventType, Instant from, Instant before) {
        this(endpointId, eventType, from, before, null);
    }

    /**
     * Checks the components.
     *
     * @param endpointId the endpoint
     * @param eventType the exact event type, or null for every type
     * @param from the earliest creation time included
     * @param before the end of the range, excluded
     * @param tenant only this tenant's deliveries, or null for any
     * @throws NullPointerException if {@code endpointId}, {@code from} or {@code before} is null
     * @throws IllegalArgumentException if the endpoint id or a given event type is blank, or the
     *     range is empty or reversed (the message names both ends)
     */
    public ReplaySelection {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(before, "before");
        if (endpointId.isBlank()) {
            throw new IllegalArgumentException("endpointId must not be blank");
        }
        if (eventType != null && eventType.isBlank()) {
            throw new IllegalArgumentException("eventType must not be blank (null selects every type)");
        }
        if (!from.isBefore(before)) {
            throw new IllegalArgumentException("replay range is empty: from (" + from + ") must be before before ("
                    + before + ")");
        }
    }

    /**
     * Every event type of the endpoint in {@code [from, before)}.
     *
     * @param endpointId the endpoint
     * @param from the earliest creation time included
     * @param before the end of the range, excluded
     * @return the selection
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ReplaySelection of(String endpointId, Instant from, Instant before) {
        return new ReplaySelection(endpointId, null, from, before);
    }

    /**
     * This selection narrowed to one event type.
     *
     * @param type the exact event type
     * @return a new selection
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if {@code type} is blank
     */
    public ReplaySelection eventType(String type) {
        return new ReplaySelection(endpointId, Objects.requireNonNull(type, "type"), from, before, tenant);
    }

    /**
     * This selection narrowed to one tenant's deliveries (or widened to any tenant's, for null).
     *
     * @param value the tenant, or null
     * @return a new selection
     */
    public ReplaySelection withTenant(@Nullable TenantId value) {
        return new ReplaySelection(endpointId, eventType, from, before, value);
    }

    /**
     * Whether a delivery of this tenant with these properties is selected.
     *
     * @param endpoint the delivery's endpoint
     * @param type its message's event type
     * @param createdAt when the delivery was created
     * @param status its status
     * @param deliveryTenant its message's tenant, or null
     * @return true if selected
     */
    public boolean matches(String endpoint, String type, Instant createdAt, DeliveryStatus status,
            @Nullable TenantId deliveryTenant) {
        return (tenant == null || tenant.equals(deliveryTenant)) && matches(endpoint, type, createdAt, status);
    }

    /**
     * Whether a delivery with these properties is selected (its payload still there is checked
     * apart).
     *
     * @param endpoint the delivery's endpoint
     * @param type its message's event type
     * @param createdAt when the delivery was created
     * @param status its status
     * @return true if selected
     */
    public boolean matches(String endpoint, String type, Instant createdAt, DeliveryStatus status) {
        return endpointId.equals(endpoint) && (eventType == null || eventType.equals(type))
                && !createdAt.isBefore(from) && createdAt.isBefore(before)
                && (status == DeliveryStatus.DEAD || status == DeliveryStatus.CANCELLED);
    }
}
