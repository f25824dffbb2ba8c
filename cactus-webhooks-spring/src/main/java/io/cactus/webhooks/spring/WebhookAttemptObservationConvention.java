package io.cactus.webhooks.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the webhook attempt observation. Declare a bean of this type (or register a
 * {@link io.micrometer.observation.GlobalObservationConvention}) to change them; extend
 * {@link DefaultWebhookAttemptObservationConvention} to add to the defaults.
 */
public interface WebhookAttemptObservationConvention extends ObservationConvention<WebhookAttemptObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WebhookAttemptObservationContext;
    }
}
