package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookMessage;
import java.util.List;

/**
 * A message to store with the endpoints it goes to: one delivery per endpoint. An empty endpoint
 * list records the message as matching no endpoint.
 *
 * @param message the serialised message
 * @param endpointIds the endpoints, no duplicates
 */
public record OutboundMessage(WebhookMessage message, List<String> endpointIds) {
    public OutboundMessage {
        if (message == null || endpointIds == null) {
            throw new IllegalArgumentException("message and endpointIds must not be null");
        }
        endpointIds = List.copyOf(endpointIds);
    }
}
