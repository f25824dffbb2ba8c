package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.StaticEndpointRegistry;
import io.cactus.webhooks.jdbc.JdbcEndpointRegistry;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.spi.WebhookTransport;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Cactus Webhooks: a {@link Webhooks} instance on the application's
 * DataSource (or in memory without one), started and stopped with the context, a transactional
 * {@link WebhookPublisher}, application events as webhooks, and, when the application has them,
 * Micrometer metrics, an Actuator health indicator and endpoint, verification of incoming
 * webhooks, and payload data written by the application's Jackson 3 {@code JsonMapper}. Every bean
 * backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CactusWebhooksProperties.class)
@Import({ TransactionalPublisherConfiguration.class, WebhooksMetricsConfiguration.class,
        WebhooksHealthConfiguration.class, WebhooksEndpointConfiguration.class,
        WebhooksReceiverConfiguration.class, WebhooksJacksonConfiguration.class })
public final class CactusWebhooksAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CactusWebhooksAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    DeliveryStore webhookDeliveryStore(CactusWebhooksProperties properties, ObjectProvider<DataSource> dataSources) {
        CactusWebhooksProperties.StoreType type = properties.getStore();
        DataSource dataSource = type == CactusWebhooksProperties.StoreType.MEMORY ? null : dataSources.getIfUnique();
        if (type == CactusWebhooksProperties.StoreType.JDBC && dataSource == null) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.store",
                    "is 'jdbc' but the application has no (single or primary) DataSource bean");
        }
        if (dataSource == null) {
            log.warn("Webhooks are kept IN MEMORY and are NOT durable: pending deliveries are lost when the process"
                    + " stops. Give the application a DataSource for the durable JDBC store"
                    + " (cactus.webhooks.store={}).", type.name().toLowerCase(java.util.Locale.ROOT));
            return new InMemoryDeliveryStore();
        }
        try {
            return JdbcDeliveryStore.builder(dataSource)
                    .initializeSchema(properties.getJdbc().isInitializeSchema())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.store", "the DataSource's database cannot hold"
                    + " the JDBC store (" + e.getMessage() + "); use H2 or PostgreSQL, or cactus.webhooks.store=memory", e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    NetworkPolicy webhookNetworkPolicy(CactusWebhooksProperties properties, Environment environment) {
        return new WebhookPropertiesMapper(properties, environment).networkPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    EndpointRegistry webhookEndpointRegistry(CactusWebhooksProperties properties, Environment environment,
            NetworkPolicy networkPolicy, ObjectProvider<DataSource> dataSources) {
        List<Endpoint> configured = new WebhookPropertiesMapper(properties, environment).endpoints(networkPolicy);
        if (properties.getEndpointRegistry() == CactusWebhooksProperties.RegistryType.STATIC) {
            return new StaticEndpointRegistry(configured);
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.endpoint-registry",
                    "is 'jdbc' but the application has no (single or primary) DataSource bean");
        }
        JdbcEndpointRegistry registry = JdbcEndpointRegistry.builder(dataSource)
                .initializeSchema(properties.getJdbc().isInitializeSchema())
                .build();
        // Configuration is the source of truth for the endpoints it names; others are managed at runtime.
        configured.forEach(registry::save);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    RetryPolicy webhookRetryPolicy(CactusWebhooksProperties properties, Environment environment) {
        return new WebhookPropertiesMapper(properties, environment).retryPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    Webhooks webhooks(CactusWebhooksProperties properties, Environment environment, DeliveryStore store,
            EndpointRegistry endpoints, NetworkPolicy networkPolicy, RetryPolicy retryPolicy,
            ObjectProvider<DeliveryListener> listeners, ObjectProvider<WebhookTransport> transport,
            ObjectProvider<PayloadSerializer> serializer, ObjectProvider<WebhooksBuilderCustomizer> customizers) {
        WebhookPropertiesMapper mapper = new WebhookPropertiesMapper(properties, environment);
        Webhooks.Builder builder = mapper.dispatching(Webhooks.builder()
                .store(store)
                .endpoints(endpoints)
                .retryPolicy(retryPolicy));
        listeners.orderedStream().forEach(builder::listener);
        WebhookTransport custom = transport.getIfAvailable();
        if (custom != null) {
            builder.transport(custom); // it brings its own network policy and timeouts
        } else {
            mapper.connection(builder.networkPolicy(networkPolicy));
        }
        serializer.ifAvailable(builder::serializer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return mapper.build(builder);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhooksLifecycle webhooksLifecycle(Webhooks webhooks) {
        return new WebhooksLifecycle(webhooks);
    }

    /** The core publisher, when spring-jdbc is absent (otherwise the transactional one is defined first). */
    @Bean
    @ConditionalOnMissingBean
    WebhookPublisher webhookPublisher(Webhooks webhooks) {
        return webhooks.publisher();
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookEventBridge webhookEventBridge(WebhookPublisher publisher) {
        return new WebhookEventBridge(publisher, Clock.systemUTC());
    }
}
