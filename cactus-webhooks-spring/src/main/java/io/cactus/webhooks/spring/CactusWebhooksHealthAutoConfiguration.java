package io.cactus.webhooks.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/** The {@code webhooks} health indicator, when Spring Boot's health support is present. */
@AutoConfiguration(after = CactusWebhooksAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnBean(Webhooks.class)
@ConditionalOnClass(name = {
        "org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnEnabledHealthIndicator("webhooks")
public final class CactusWebhooksHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "webhooksHealthIndicator")
    WebhooksHealthIndicator webhooksHealthIndicator(Webhooks webhooks, CactusWebhooksProperties properties,
            ObjectProvider<Clock> clocks) {
        Duration maxAge = properties.getHealth().getMaxBacklogAge();
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.health.max-backlog-age",
                    "must be positive, was " + maxAge);
        }
        return new WebhooksHealthIndicator(webhooks, maxAge, CactusWebhooksAutoConfiguration.clock(clocks));
    }
}
