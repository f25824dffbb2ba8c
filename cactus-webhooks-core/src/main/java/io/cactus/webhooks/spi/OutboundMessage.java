package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A message to store with the endpoints it goes to: one delivery per endpoint. An empty endpoint
 * list records the message as matching no endpoint. Immutable and thread-safe.
 *
 * @param message the serialised message
 * @param endpointIds the endpoints: each 1 to {@value #MAX_ENDPOINT_ID} characters, not blank, no duplicates
 */
public record OutboundMessage(WebhookMessage message, List<String> endpointIds) {

    /** Longest endpoint id (as {@link io.cactus.webhooks.endpoint.Endpoint} allows). */
    public static final int MAX_ENDPOINT_ID = 64;

    /**
     * Checks the components and copies the list.
     *
     * @param message the serialised message
     * @param endpointIds the endpoints; copied
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
}
