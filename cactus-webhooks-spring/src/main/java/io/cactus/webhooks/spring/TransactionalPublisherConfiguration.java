package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The transactional {@link SpringWebhookPublisher}, when spring-jdbc is on the class path. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.jdbc.datasource.DataSourceUtils")
class TransactionalPublisherConfiguration {

    @Bean
    @ConditionalOnMissingBean(WebhookPublisher.class)
    SpringWebhookPublisher springWebhookPublisher(Webhooks webhooks, ObjectProvider<DataSource> dataSources) {
        DataSource dataSource = webhooks.joinsTransactions() ? dataSources.getIfUnique() : null;
        return new SpringWebhookPublisher(webhooks, dataSource);
    }
}
