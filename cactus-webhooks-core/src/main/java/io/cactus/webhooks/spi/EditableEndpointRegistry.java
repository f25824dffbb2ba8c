package io.cactus.webhooks.spi;

import io.cactus.webhooks.endpoint.Endpoint;

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
}
