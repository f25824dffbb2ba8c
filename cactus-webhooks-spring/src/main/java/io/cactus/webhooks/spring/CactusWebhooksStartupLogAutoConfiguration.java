package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spi.DeliveryStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The one line Cactus Webhooks logs at startup (INFO, logger {@code io.cactus.webhooks}): the store,
 * the endpoints by name and host, and the receiver's paths when it is on. Present whenever there
 * is a {@link Webhooks} bean; silence it with {@code logging.level.io.cactus.webhooks=warn}.
 */
@AutoConfiguration(after = CactusWebhooksAutoConfiguration.class)
@ConditionalOnBean(Webhooks.class)
@EnableConfigurationProperties(CactusWebhooksProperties.class)
public final class CactusWebhooksStartupLogAutoConfiguration {

    /** For Spring: an auto-configuration is not made by applications. */
    CactusWebhooksStartupLogAutoConfiguration() {
    }

    @Bean
    WebhooksStartupLog webhooksStartupLog(ApplicationContext context, Webhooks webhooks,
            ObjectProvider<DeliveryStore> store, ObjectProvider<DataSource> dataSource,
            CactusWebhooksProperties properties) {
        return new WebhooksStartupLog(context, webhooks, store, dataSource, properties);
    }
}
