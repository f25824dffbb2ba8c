package io.cactus.webhooks;

import java.util.List;

/**
 * Proof that an event is stored: from here on it is delivered to each listed endpoint or
 * recorded as failed, even if the process dies.
 *
 * @param messageId the message id, sent as {@code webhook-id}
 * @param type the event type
 * @param endpointIds the endpoints it goes to; empty when no endpoint subscribes to the type
 */
public record PublishReceipt(String messageId, EventType type, List<String> endpointIds) {
    public PublishReceipt {
        endpointIds = List.copyOf(endpointIds);
    }
}
