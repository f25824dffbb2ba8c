package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spi.TransactionalDeliveryStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The transactional {@link SpringWebhookPublisher}, when spring-jdbc is on the class path. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.jdbc.datasource.DataSourceUtils")
class TransactionalPublisherConfiguration {

    // Primary: Webhooks is a WebhookPublisher too, and injection points must get this one.
    @Bean
    @Primary
    @ConditionalOnMissingBean(value = WebhookPublisher.class, ignored = Webhooks.class)
    SpringWebhookPublisher springWebhookPublisher(Webhooks webhooks, ObjectProvider<DataSource> dataSources) {
        DataSource dataSource = webhooks.store() instanceof TransactionalDeliveryStore ? dataSources.getIfUnique() : null;
        return new SpringWebhookPublisher(webhooks, dataSource);
    }
}
