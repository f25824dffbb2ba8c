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
 * @param idempotency the idempotency key to store the message under, or null for none; a store that
 *     keeps keys stores the message only if no live key is stored
 *     ({@link DeliveryStore#enqueueIdempotent})
 */
public record OutboundMessage(WebhookMessage message, List<String> endpointIds, @Nullable IdempotencyClaim idempotency) {

    /** Longest endpoint id (as {@link io.cactus.webhooks.endpoint.Endpoint} allows). */
    public static final int MAX_ENDPOINT_ID = 64;

    /**
     * A message without an idempotency key.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
     * @throws IllegalArgumentException as the canonical constructor
     */
    public OutboundMessage(WebhookMessage message, List<String> endpointIds) {
        this(message, endpointIds, null);
    }

    /**
     * Checks the components and copies the list.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
     * @param idempotency the key to store it under, or null
     * @throws IllegalArgumentException naming what is wrong: a null argument, an endpoint id that
     *     is null, blank or too long, or one given twice
     */
    public OutboundMessage {
        if (message == null || endpointIds == null) {
            throw new IllegalArgumentException("message and endpointIds must not be null");
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
        endpointIds = List.copyOf(endpointIds);
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
