package io.cactus.webhooks.endpoint;

import io.cactus.webhooks.internal.Checks;
import io.cactus.webhooks.spi.EndpointRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints fixed in code or configuration. Only the enabled flag changes at runtime (when the
 * dispatcher disables a failing endpoint), and only in this process's memory. Endpoints mapped
 * from configuration carry {@link EndpointSource#configuration(String)}, so that the admin view
 * refuses to edit them with a {@link ManagedEndpointException}, as it does on an editable registry.
 *
 * <p>Thread-safe.
 */
public final class StaticEndpointRegistry implements EndpointRegistry {

    private final List<String> order;
    private final ConcurrentHashMap<String, Endpoint> byId = new ConcurrentHashMap<>();

    /**
     * A registry of these endpoints, in this order.
     *
     * @param endpoints the endpoints; copied
     * @throws IllegalArgumentException if the list is null or holds null, or two endpoints share an id
     */
    public StaticEndpointRegistry(List<Endpoint> endpoints) {
        if (endpoints == null || Checks.hasNull(endpoints)) {
            throw new IllegalArgumentException("endpoints must not be null or contain null");
        }
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (!seen.add(e.id())) {
                throw new IllegalArgumentException("duplicate endpoint id '" + e.id() + "'");
            }
            ids.add(e.id());
            byId.put(e.id(), e);
        }
        this.order = List.copyOf(ids);
    }

    /**
     * A registry of these endpoints, in this order.
     *
     * @param endpoints the endpoints
     * @return the registry
     * @throws NullPointerException if an endpoint is null
     * @throws IllegalArgumentException if two endpoints share an id
     */
    public static StaticEndpointRegistry of(Endpoint... endpoints) {
        return new StaticEndpointRegistry(List.of(endpoints));
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> result = new ArrayList<>(order.size());
        for (String id : order) {
            result.add(byId.get(id));
        }
        return result;
    }

    @Override
    public Optional<Endpoint> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    @Override
    public boolean setEnabled(String id, boolean enabled) {
        return id != null && byId.computeIfPresent(id, (k, e) -> e.withEnabled(enabled)) != null;
    }
}
