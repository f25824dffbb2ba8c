package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;

/**
 * Adjusts the {@link Webhooks.Builder} after the properties are applied and before the instance is
 * built: declare beans of this type (ordered with {@code @Order} or {@code Ordered}) to set what
 * no property covers, such as a clock, a serializer or a health policy.
 */
@FunctionalInterface
public interface WebhooksBuilderCustomizer {

    void customize(Webhooks.Builder builder);
}
