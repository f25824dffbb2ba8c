package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code webhooks} health indicator, when Spring Boot's health support is present. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {
        "org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnEnabledHealthIndicator("webhooks")
class WebhooksHealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "webhooksHealthIndicator")
    WebhooksHealthIndicator webhooksHealthIndicator(Webhooks webhooks, CactusWebhooksProperties properties) {
        Duration maxAge = properties.getHealth().getMaxBacklogAge();
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.health.max-backlog-age",
                    "must be positive, was " + maxAge);
        }
        return new WebhooksHealthIndicator(webhooks, maxAge, Clock.systemUTC());
    }
}
