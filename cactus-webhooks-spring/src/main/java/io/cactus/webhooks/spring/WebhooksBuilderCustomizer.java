package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;

/**
 * Adjusts the {@link Webhooks.Builder} after the properties are applied and before the instance is
 * built: declare beans of this type (ordered with {@code @Order} or {@code Ordered}) to set what
 * no property covers, such as a clock, a serializer or a health policy.
 *
 * <p>Called on one thread, once per {@code Webhooks} bean: implementations need not be thread-safe.
 */
@FunctionalInterface
public interface WebhooksBuilderCustomizer {

    /**
     * Adjusts the builder. Called once, while the {@code Webhooks} bean is created, on that thread.
     * A setter's exception stops the application from starting.
     *
     * @param builder the builder with the properties applied; {@code build()} is called afterwards
     */
    void customize(Webhooks.Builder builder);
}
