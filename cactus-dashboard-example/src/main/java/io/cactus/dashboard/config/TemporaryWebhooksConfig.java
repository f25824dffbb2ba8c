package io.cactus.dashboard.config;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.StaticEndpointRegistry;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * TEMPORARY — DELETE THIS CLASS (and its line in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}) WHEN
 * THE SPRING BOOT ADAPTER (cactus-webhooks-spring) LANDS. It stands in for the adapter's
 * auto-configured {@link Webhooks} and {@link WebhookPublisher} until then.
 *
 * <p>It is registered as an auto-configuration ordered last, not as a component-scanned
 * {@code @Configuration}: {@link ConditionalOnMissingBean} is only reliable there, so once the
 * adapter's auto-configuration defines a {@code Webhooks} bean this class steps aside by itself.
 *
 * <p>What it builds: a JDBC store on the application's {@code DataSource} that creates its own
 * tables, no endpoints (so messages are stored without deliveries), started and closed with the
 * context. The {@code WebhookPublisher} joins the current Spring transaction, as the adapter's
 * will: an event published inside {@code @Transactional} is written on the transaction's
 * connection and commits or rolls back with the business data.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnMissingBean(Webhooks.class)
public class TemporaryWebhooksConfig {

    @Bean(initMethod = "start", destroyMethod = "close")
    Webhooks webhooks(DataSource dataSource) {
        return Webhooks.builder()
                .store(JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build())
                .endpoints(new StaticEndpointRegistry(List.of()))
                .build();
    }

    @Bean
    @Primary
    WebhookPublisher webhookPublisher(Webhooks webhooks, DataSource dataSource) {
        return new TransactionAwarePublisher(webhooks, dataSource);
    }

    /** Publishes on the transaction's connection when there is one, on its own otherwise. */
    static final class TransactionAwarePublisher implements WebhookPublisher {

        private final Webhooks webhooks;
        private final DataSource dataSource;

        TransactionAwarePublisher(Webhooks webhooks, DataSource dataSource) {
            this.webhooks = webhooks;
            this.dataSource = dataSource;
        }

        @Override
        public PublishReceipt publish(WebhookEvent event) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return webhooks.publish(event);
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                PublishReceipt receipt = webhooks.publish(event, connection);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        webhooks.wake();
                    }
                });
                return receipt;
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        @Override
        public List<PublishReceipt> publishAll(List<WebhookEvent> events) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return webhooks.publishAll(events);
            }
            return events.stream().map(this::publish).toList();
        }

        @Override
        public PublishReceipt publish(WebhookEvent event, Connection connection) {
            return webhooks.publish(event, connection);
        }
    }
}
