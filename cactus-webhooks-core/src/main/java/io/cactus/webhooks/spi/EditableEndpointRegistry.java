package io.cactus.webhooks.spi;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.endpoint.Endpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry whose endpoints can be added, changed and removed while the application runs (the
 * JDBC registry is one). {@link io.cactus.webhooks.WebhookAdmin} edits endpoints only through
 * this interface, so no caller needs to know the registry's class.
 *
 * <p>Callers should edit through {@code WebhookAdmin}, not here: the admin view also cancels the
 * pending deliveries of an endpoint that is disabled or deleted, resets its health when it is
 * enabled again, and checks its URL against the network policy.
 *
 * <p>Endpoints {@linkplain io.cactus.webhooks.endpoint.EndpointSource#managed() managed by
 * configuration} are read-only here: {@link #save} and {@link #delete} refuse them with a
 * {@link io.cactus.webhooks.endpoint.ManagedEndpointException} and change nothing, while
 * {@link #setEnabled} is allowed. How configured endpoints get into the registry is the
 * implementation's own (the JDBC registry's {@code applyConfiguration}).
 *
 * <p>Implementations must be thread-safe; a change must be visible to {@link #find} and
 * {@link #subscribedTo} of this instance when the method returns (other nodes may see it later).
 */
public interface EditableEndpointRegistry extends EndpointRegistry {

    /**
     * Stores the endpoint: inserts it, or replaces the stored one with the same id, every
     * setting included (its enabled flag too).
     *
     * @param endpoint the endpoint
     * @throws IllegalArgumentException if the endpoint is null or cannot be stored as it is (a
     *     value too long for the registry, or a source managed by configuration, for example);
     *     nothing is changed then
     * @throws io.cactus.webhooks.endpoint.ManagedEndpointException if the stored endpoint with this
     *     id is managed by configuration; nothing is changed then
     * @throws io.cactus.webhooks.WebhookStoreException if the registry cannot be written
     */
    void save(Endpoint endpoint);

    /**
     * Removes the endpoint. Its deliveries are left as they are.
     *
     * @param id the endpoint id
     * @return true if it was removed; false if there was no such endpoint
     * @throws IllegalArgumentException if the id is null
     * @throws io.cactus.webhooks.endpoint.ManagedEndpointException if the endpoint is managed by
     *     configuration; nothing is changed then
     * @throws io.cactus.webhooks.WebhookStoreException if the registry cannot be written
     */
    boolean delete(String id);

    /**
     * Stores the endpoint for {@code tenant}, as {@link #save(Endpoint)} does, unless its id is
     * taken by an endpoint of another tenant (or of none): then nothing is changed. The default
     * checks with {@link #find(String)} before saving; the JDBC registry checks the locked row in
     * the same transaction.
     *
     * @param tenant the tenant the endpoint must belong to
     * @param endpoint the endpoint; its {@link Endpoint#tenant()} must be {@code tenant}
     * @throws IllegalArgumentException if the endpoint belongs to another tenant, or its id is
     *     taken by an endpoint that is not {@code tenant}'s; nothing is changed then
     * @throws io.cactus.webhooks.endpoint.ManagedEndpointException as {@link #save(Endpoint)}
     * @throws io.cactus.webhooks.WebhookStoreException if the registry cannot be written
     */
    default void save(TenantId tenant, Endpoint endpoint) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!tenant.equals(endpoint.tenant())) {
            throw new IllegalArgumentException("endpoint '" + endpoint.id() + "' must belong to tenant " + tenant);
        }
        Optional<Endpoint> current = find(endpoint.id());
        if (current.isPresent() && !tenant.equals(current.get().tenant())) {
            throw idTaken(endpoint.id());
        }
        save(endpoint);
    }

    /**
     * The error of a scoped save whose id belongs to another tenant: it says the id is taken and
     * nothing about the owner.
     *
     * @param id the endpoint id
     * @return the exception to throw
     */
    static IllegalArgumentException idTaken(String id) {
        return new IllegalArgumentException("endpoint id '" + id + "' is taken: choose another id");
    }
}
