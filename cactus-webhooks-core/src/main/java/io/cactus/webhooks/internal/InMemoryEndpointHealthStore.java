package io.cactus.webhooks.internal;

import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.HealthState;
import io.cactus.webhooks.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Endpoint health in this process's memory (for the in-memory delivery store). {@link #update} is
 * atomic per endpoint ({@link ConcurrentHashMap#compute}); the change runs once per call. Thread-safe.
 */
public final class InMemoryEndpointHealthStore implements EndpointHealthStore {

    private final Map<String, HealthState> states = new ConcurrentHashMap<>();

    @Override
    public List<HealthState> all() {
        return new ArrayList<>(states.values());
    }

    @Override
    public HealthState update(String endpointId, UnaryOperator<HealthState> change) {
        if (endpointId == null || endpointId.isBlank() || endpointId.length() > OutboundMessage.MAX_ENDPOINT_ID) {
            throw new IllegalArgumentException("endpointId must be 1 to " + OutboundMessage.MAX_ENDPOINT_ID
                    + " characters and not blank");
        }
        if (change == null) {
            throw new IllegalArgumentException("change must not be null");
        }
        HealthState[] result = new HealthState[1];
        states.compute(endpointId, (id, old) -> {
            HealthState next = change.apply(old == null ? HealthState.healthy(id) : old);
            if (next == null || !next.endpointId().equals(id)) {
                throw new IllegalArgumentException("change must return a state of endpoint " + id + ", returned " + next);
            }
            result[0] = next;
            return next.isClean() ? null : next;
        });
        return result[0];
    }
}
