package io.cactus.webhooks.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import io.cactus.webhooks.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/** Micrometer metrics, when the application has a {@link MeterRegistry}. */
@AutoConfiguration(after = CactusWebhooksAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(value = Webhooks.class, type = "io.micrometer.core.instrument.MeterRegistry")
public final class CactusWebhooksMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EndpointTags webhookEndpointTags(CactusWebhooksProperties properties) {
        return endpointTags(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookMetrics webhookMetrics(MeterRegistry registry, EndpointTags endpointTags, ObjectProvider<Clock> clocks) {
        return new WebhookMetrics(registry, endpointTags, CactusWebhooksAutoConfiguration.clock(clocks));
    }

    /** The cap of {@code cactus.webhooks.metrics.max-endpoint-tags}; also used by the observation. */
    static EndpointTags endpointTags(CactusWebhooksProperties properties) {
        try {
            return new EndpointTags(properties.getMetrics().getMaxEndpointTags());
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.metrics.max-endpoint-tags",
                    InvalidWebhookPropertyException.problemOf(e), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookGauges webhookGauges(Webhooks webhooks, ObjectProvider<Clock> clocks) {
        return new WebhookGauges(webhooks, CactusWebhooksAutoConfiguration.clock(clocks));
    }
}
