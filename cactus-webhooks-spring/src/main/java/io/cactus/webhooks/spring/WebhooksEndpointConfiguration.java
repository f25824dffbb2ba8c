package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code webhooks} Actuator endpoint, when Actuator is present and the endpoint is exposed. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {
        "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnAvailableEndpoint(WebhooksEndpoint.class)
class WebhooksEndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WebhooksEndpoint webhooksEndpoint(Webhooks webhooks) {
        return new WebhooksEndpoint(webhooks);
    }
}
