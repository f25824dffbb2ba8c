package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message to store with the endpoints it goes to: one delivery per endpoint. An empty endpoint
 * list records the message as matching no endpoint. Immutable and thread-safe.
 *
 * @param message the serialised message
 * @param endpointIds the endpoints: each 1 to {@value #MAX_ENDPOINT_ID} characters, not blank, no duplicates
 * @param orderingKey the event's ordering key, or null for none
 * @param orderedEndpointIds those of {@code endpointIds} that order by key: their deliveries of
 *     this message go after every earlier one with the same key to that endpoint; empty when
 *     {@code orderingKey} is null
 * @param idempotency the idempotency key to store the message under, or null for none; a store that
 *     keeps keys stores the message only if no live key is stored
 *     ({@link DeliveryStore#enqueueIdempotent})
 */
public record OutboundMessage(WebhookMessage message, List<String> endpointIds, @Nullable String orderingKey,
        Set<String> orderedEndpointIds, @Nullable IdempotencyClaim idempotency) {

    /** Longest endpoint id (as {@link io.cactus.webhooks.endpoint.Endpoint} allows). */
    public static final int MAX_ENDPOINT_ID = 64;

    /**
     * A message without ordering and without an idempotency key.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
     * @throws IllegalArgumentException as the canonical constructor
     */
    public OutboundMessage(WebhookMessage message, List<String> endpointIds) {
        this(message, endpointIds, null, Set.of(), null);
    }

    /**
     * A message without ordering.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
     * @param idempotency the key to store it under, or null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public OutboundMessage(WebhookMessage message, List<String> endpointIds, @Nullable IdempotencyClaim idempotency) {
        this(message, endpointIds, null, Set.of(), idempotency);
    }

    /**
     * A message without an idempotency key.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
     * @param orderingKey the ordering key, or null
     * @param orderedEndpointIds the ordered endpoints among {@code endpointIds}; copied
     * @throws IllegalArgumentException as the canonical constructor
     */
    public OutboundMessage(WebhookMessage message, List<String> endpointIds, @Nullable String orderingKey,
            Set<String> orderedEndpointIds) {
        this(message, endpointIds, orderingKey, orderedEndpointIds, null);
    }

    /**
     * Checks the components and copies the collections.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
     * @param orderingKey the ordering key, or null
     * @param orderedEndpointIds the ordered endpoints among {@code endpointIds}; copied
     * @param idempotency the key to store it under, or null
     * @throws IllegalArgumentException naming what is wrong: a null argument, an endpoint id that
     *     is null, blank or too long, or one given twice, an invalid ordering key, ordered endpoints
     *     without a key or not among {@code endpointIds}
     */
    public OutboundMessage {
        if (message == null || endpointIds == null || orderedEndpointIds == null) {
            throw new IllegalArgumentException("message, endpointIds and orderedEndpointIds must not be null");
        }
        if (orderingKey != null) {
            io.cactus.webhooks.WebhookEvent.validateOrderingKey(orderingKey);
        } else if (!orderedEndpointIds.isEmpty()) {
            throw new IllegalArgumentException("message " + message.id() + " has ordered endpoints but no ordering key");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < endpointIds.size(); i++) {
            String id = endpointIds.get(i);
            if (id == null || id.isBlank() || id.length() > MAX_ENDPOINT_ID) {
                throw new IllegalArgumentException("message " + message.id() + ": endpointIds[" + i + "] is null, blank"
                        + " or longer than " + MAX_ENDPOINT_ID + " characters");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("message " + message.id() + " lists endpoint '" + id + "' twice");
            }
        }
        for (String id : orderedEndpointIds) {
            if (!seen.contains(id)) {
                throw new IllegalArgumentException("message " + message.id() + ": ordered endpoint '" + id
                        + "' is not one of its endpoints");
            }
        }
        endpointIds = List.copyOf(endpointIds);
        orderedEndpointIds = Set.copyOf(orderedEndpointIds);
    }

    /**
     * The receipt of this message stored now: its id, type and endpoints, {@link
     * io.cactus.webhooks.PublishOutcome#STORED}.
     *
     * @return the receipt
     */
    public io.cactus.webhooks.PublishReceipt storedReceipt() {
        return new io.cactus.webhooks.PublishReceipt(message.id(), message.type(), endpointIds);
    }
}
