package io.cactus.webhooks.tenant;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.spi.EditableEndpointRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An editable registry in memory that keeps the SPI's defaults for tenants (find-then-check): what
 * an application's own registry gets without writing a line for tenants.
 */
public final class MapEndpointRegistry implements EditableEndpointRegistry {

    private final Map<String, Endpoint> byId = new TreeMap<>();

    @Override
    public synchronized List<Endpoint> endpoints() {
        return new ArrayList<>(byId.values());
    }

    @Override
    public synchronized Optional<Endpoint> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean setEnabled(String id, boolean enabled) {
        return byId.computeIfPresent(id, (k, e) -> e.withEnabled(enabled)) != null;
    }

    @Override
    public synchronized void save(Endpoint endpoint) {
        Endpoint current = byId.get(endpoint.id());
        if (current != null && current.source().managed()) {
            throw new ManagedEndpointException(endpoint.id(), current.source(), "edited");
        }
        byId.put(endpoint.id(), endpoint);
    }

    @Override
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }
}
