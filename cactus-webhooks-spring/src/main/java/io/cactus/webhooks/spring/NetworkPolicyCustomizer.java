package io.cactus.webhooks.spring;

import io.cactus.webhooks.http.NetworkPolicy;

/**
 * Adjusts the {@link NetworkPolicy.Builder} after {@code cactus.webhooks.security.*} is applied
 * and before the {@code NetworkPolicy} bean is built: declare beans of this type (ordered with
 * {@code @Order} or {@code Ordered}) to add what a property cannot say, such as an allow-list entry
 * for the application's own server whose port is known only once it listens
 * ({@link NetworkPolicy.Builder#allowAddress(java.net.InetAddress, java.util.function.IntSupplier, String)}).
 * The bean is the policy of the default transport, of the checks made when endpoints are saved, and
 * of the configured endpoints' check at startup.
 *
 * <p>Called on one thread, once per {@code NetworkPolicy} bean: implementations need not be
 * thread-safe (what they give the builder, such as a port supplier, must be).
 */
@FunctionalInterface
public interface NetworkPolicyCustomizer {

    /**
     * Adjusts the builder. Called once, while the {@code NetworkPolicy} bean is created, on that
     * thread. A builder method's exception stops the application from starting.
     *
     * @param builder the builder with the properties applied; {@code build()} is called afterwards
     */
    void customize(NetworkPolicy.Builder builder);
}
