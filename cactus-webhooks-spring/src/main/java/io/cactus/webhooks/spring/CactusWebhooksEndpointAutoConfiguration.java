package io.cactus.webhooks.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import io.cactus.webhooks.Webhooks;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/** The {@code webhooks} Actuator endpoint, when Actuator is present and the endpoint is exposed. */
@AutoConfiguration(after = CactusWebhooksAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnBean(Webhooks.class)
@ConditionalOnClass(name = {
        "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnAvailableEndpoint(WebhooksEndpoint.class)
public final class CactusWebhooksEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WebhooksEndpoint webhooksEndpoint(Webhooks webhooks) {
        return new WebhooksEndpoint(webhooks);
    }
}
