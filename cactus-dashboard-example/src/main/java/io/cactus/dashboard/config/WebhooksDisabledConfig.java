package io.cactus.dashboard.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code cactus.webhooks.enabled=false} the adapter configures nothing (no store, dispatcher,
 * HTTP client, webhook tables, nor the bridge that turns {@code @PublishAsWebhook} application
 * events into webhooks); the dashboard then runs without webhooks: the services' domain events
 * reach no listener and every event is dropped. Meant for measuring the library's own cost
 * (docs/benchmark.md) and for maintenance, never for normal use, so it says so loudly at startup.
 * The example's beans that need the adapter's (the webhook pages and API, the overview, the alerts
 * endpoint) are then left out too: each is
 * {@code @ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)}.
 * The domain pages and API, the tokens and the logins stay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", havingValue = false)
class WebhooksDisabledConfig implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(WebhooksDisabledConfig.class);

    @Override
    public void afterPropertiesSet() {
        log.warn("cactus.webhooks.enabled=false: webhooks are OFF and every event is DROPPED, not stored");
    }
}
