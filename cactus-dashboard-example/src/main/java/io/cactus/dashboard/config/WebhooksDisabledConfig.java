package io.cactus.dashboard.config;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import java.sql.Connection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code cactus.webhooks.enabled=false} the adapter configures nothing (no store, dispatcher,
 * HTTP client or webhook tables); the dashboard then runs without webhooks: every event is
 * dropped. Meant for measuring the library's own cost (docs/benchmark.md) and for maintenance,
 * never for normal use, so it says so loudly at startup. The example's beans that need the adapter's
 * (the webhook pages and API, the overview, the alerts endpoint) are then left out too: each is
 * {@code @ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)}.
 * The domain pages and API, the tokens and the logins stay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", havingValue = false)
class WebhooksDisabledConfig {

    private static final Logger log = LoggerFactory.getLogger(WebhooksDisabledConfig.class);

    @Bean
    WebhookPublisher droppingWebhookPublisher() {
        log.warn("cactus.webhooks.enabled=false: webhooks are OFF and every event is DROPPED, not stored");
        return new WebhookPublisher() {
            @Override
            public PublishReceipt publish(WebhookEvent event) {
                return new PublishReceipt(event.id(), event.type(), List.of());
            }

            @Override
            public List<PublishReceipt> publishAll(List<WebhookEvent> events) {
                return events.stream().map(this::publish).toList();
            }

            @Override
            public PublishReceipt publish(WebhookEvent event, Connection connection) {
                return publish(event);
            }
        };
    }
}
