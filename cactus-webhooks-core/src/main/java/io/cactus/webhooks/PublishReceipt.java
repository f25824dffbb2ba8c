package io.cactus.webhooks;

import java.util.List;

/**
 * Proof that an event is stored: from here on it is delivered to each listed endpoint or
 * recorded as failed, even if the process dies (with a durable store, and for an event published in
 * a transaction once that commits). Immutable and thread-safe.
 *
 * @param messageId the message id, sent as {@code webhook-id}
 * @param type the event type
 * @param endpointIds the endpoints it goes to, one delivery each; empty when no endpoint subscribes
 *     to the type; unmodifiable
 */
public record PublishReceipt(String messageId, EventType type, List<String> endpointIds) {
    /**
     * Copies the endpoint list.
     *
     * @param messageId the message id
     * @param type the event type
     * @param endpointIds the endpoints; copied
     * @throws NullPointerException if {@code endpointIds} is null or holds null
     */
    public PublishReceipt {
        endpointIds = List.copyOf(endpointIds);
    }
}
