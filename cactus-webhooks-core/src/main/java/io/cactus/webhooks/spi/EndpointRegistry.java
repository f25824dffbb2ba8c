package io.cactus.webhooks.spi;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints that receive webhooks. Implementations must be thread-safe and cheap to read:
 * {@link #subscribedTo} runs on every publish and {@link #find} on every attempt.
 */
public interface EndpointRegistry {

    /** All endpoints, enabled or not. */
    List<Endpoint> endpoints();

    Optional<Endpoint> find(String id);

    /**
     * Enables or disables an endpoint (the dispatcher disables one that answered 410 Gone or kept
     * failing).
     *
     * @return false if there is no such endpoint
     */
    boolean setEnabled(String id, boolean enabled);

    /** The enabled endpoints with a filter matching {@code type}. */
    default List<Endpoint> subscribedTo(EventType type) {
        List<Endpoint> result = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.subscribesTo(type)) {
                result.add(e);
            }
        }
        return result;
    }
}
