package io.cactus.webhooks.spi;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints that receive webhooks. Implementations must be thread-safe and cheap to read:
 * {@link #subscribedTo} runs on every publish, {@link #endpoints()} on every claim round and
 * {@link #find} on every attempt, from the publishing threads and the dispatcher's threads.
 *
 * <p>The library never passes null; results are never null. A registry backed by a database
 * throws {@link io.cactus.webhooks.WebhookException} when it cannot be read or written.
 */
public interface EndpointRegistry {

    /**
     * All endpoints, enabled or not.
     *
     * @return the endpoints in the registry's own stable order; empty if there are none
     */
    List<Endpoint> endpoints();

    /**
     * One endpoint by id.
     *
     * @param id the endpoint id
     * @return the endpoint, or empty if there is none
     */
    Optional<Endpoint> find(String id);

    /**
     * Enables or disables an endpoint (the dispatcher disables one that answered 410 Gone or kept
     * failing; {@link io.cactus.webhooks.WebhookAdmin} enables and disables by hand). The change
     * must be visible to this instance's {@link #find} and {@link #endpoints()} when the method
     * returns.
     *
     * @param id the endpoint id
     * @param enabled the new state
     * @return true if the endpoint exists (whatever its state was); false if there is no such endpoint
     */
    boolean setEnabled(String id, boolean enabled);

    /**
     * The enabled endpoints with a filter matching {@code type} ({@link Endpoint#subscribesTo}).
     * The default filters {@link #endpoints()}; a large registry may index by type instead.
     *
     * @param type the event type being published
     * @return the matching endpoints, in the order of {@link #endpoints()}; empty if none match
     */
    default List<Endpoint> subscribedTo(EventType type) {
        List<Endpoint> result = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.subscribesTo(type)) {
                result.add(e);
            }
        }
        return result;
    }

    /**
     * The endpoints of one tenant, enabled or not, in the order of {@link #endpoints()}. The
     * default filters {@link #endpoints()}; the JDBC registry reads them with
     * {@code tenant_id = ?}.
     *
     * @param tenant the tenant
     * @return its endpoints; empty if it has none
     */
    default List<Endpoint> endpoints(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        List<Endpoint> result = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (tenant.equals(e.tenant())) {
                result.add(e);
            }
        }
        return result;
    }

    /**
     * One endpoint of one tenant by id: an endpoint of another tenant (or of none) is not found,
     * exactly like an unknown id. The default checks the tenant of {@link #find(String)}'s result;
     * the JDBC registry reads it with {@code tenant_id = ?}.
     *
     * @param tenant the tenant
     * @param id the endpoint id
     * @return the endpoint, or empty if there is none of this tenant with this id
     */
    default Optional<Endpoint> find(TenantId tenant, String id) {
        Objects.requireNonNull(tenant, "tenant");
        return find(id).filter(e -> tenant.equals(e.tenant()));
    }

    /**
     * The enabled endpoints of {@code tenant} (null: those without a tenant) with a filter matching
     * {@code type}: the fan-out of a message of that tenant. The default filters
     * {@link #subscribedTo(EventType)} by tenant; a registry with many tenants may index by tenant.
     *
     * @param tenant the message's tenant, or null for a message without one
     * @param type the event type being published
     * @return the matching endpoints, in the order of {@link #endpoints()}; empty if none match
     */
    default List<Endpoint> subscribedTo(@Nullable TenantId tenant, EventType type) {
        List<Endpoint> all = subscribedTo(type);
        int i = 0;
        while (i < all.size() && Objects.equals(tenant, all.get(i).tenant())) {
            i++;
        }
        if (i == all.size()) {
            return all; // the common case of an application without tenants: nothing to leave out
        }
        List<Endpoint> result = new ArrayList<>(all.subList(0, i));
        for (; i < all.size(); i++) {
            Endpoint e = all.get(i);
            if (Objects.equals(tenant, e.tenant())) {
                result.add(e);
            }
        }
        return result;
    }
}
