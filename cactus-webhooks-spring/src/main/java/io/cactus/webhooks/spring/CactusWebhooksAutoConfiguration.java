package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.EventTypeCatalog;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import io.cactus.webhooks.spi.TransactionalDeliveryStore;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of Cactus Webhooks' core: a {@link Webhooks} instance on the application's
 * DataSource (or in memory without one), started and stopped with the context, one
 * {@link WebhookPublisher} (transactional when spring-jdbc is present), and application events as
 * webhooks. It uses the application's {@link Clock} bean when there is one. Every bean backs off
 * when the application defines its own.
 *
 * <p>The other concerns are auto-configurations of their own, each with its own conditions:
 * {@link CactusWebhooksJacksonAutoConfiguration}, {@link CactusWebhooksMetricsAutoConfiguration},
 * {@link CactusWebhooksHealthAutoConfiguration}, {@link CactusWebhooksEndpointAutoConfiguration}
 * and {@link CactusWebhooksReceiverAutoConfiguration}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CactusWebhooksProperties.class)
public final class CactusWebhooksAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CactusWebhooksAutoConfiguration.class);

    /** The application's Clock bean if it has exactly one, else the system clock in UTC. */
    static Clock clock(ObjectProvider<Clock> clocks) {
        return clocks.getIfUnique(Clock::systemUTC);
    }

    /** Whether the schema is migrated on {@code dataSource}, by {@code cactus.webhooks.jdbc.initialize-schema}. */
    private static boolean initializeSchema(CactusWebhooksProperties properties, DataSource dataSource) {
        return switch (properties.getJdbc().getInitializeSchema()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> org.springframework.boot.jdbc.EmbeddedDatabaseConnection.isEmbedded(dataSource);
        };
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    DeliveryStore webhookDeliveryStore(CactusWebhooksProperties properties, ObjectProvider<DataSource> dataSources,
            ObjectProvider<Clock> clocks) {
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
            return new InMemoryDeliveryStore(clock(clocks));
        }
        boolean create = initializeSchema(properties, dataSource);
        JdbcDeliveryStore store;
        try {
            store = JdbcDeliveryStore.builder(dataSource)
                    .initializeSchema(create)
                    .clock(clock(clocks))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.store", "the DataSource's database cannot hold"
                    + " the JDBC store (" + e.getMessage() + "); use H2, PostgreSQL or MariaDB/MySQL, or cactus.webhooks.store=memory", e);
        }
        if (!create) {
            requireTables(store);
        }
        return store;
    }

    /**
     * Fails the startup when the schema was not created here and the tables are missing, naming the
     * setting, instead of at the first publish. A database that cannot be reached now is left to
     * the dispatcher's retries.
     */
    private static void requireTables(JdbcDeliveryStore store) {
        try {
            store.backlog();
        } catch (io.cactus.webhooks.WebhookStoreException e) {
            if (!e.isUnavailable()) {
                throw missingTables(e);
            }
        }
    }

    private static InvalidWebhookPropertyException missingTables(io.cactus.webhooks.WebhookStoreException e) {
        return new InvalidWebhookPropertyException("cactus.webhooks.jdbc.initialize-schema", "is 'never', or"
                + " 'embedded' and the database is not an embedded in-memory one, and the webhook tables cannot"
                + " be read (" + e.getMessage() + "): set it to 'always', or run the core jar's versioned scripts"
                + " with Flyway or Liquibase (spring.flyway.locations=classpath:db/cactus-webhooks/{vendor},"
                + " see docs/storage.md)", e);
    }

    @Bean
    @ConditionalOnMissingBean
    NetworkPolicy webhookNetworkPolicy(CactusWebhooksProperties properties, Environment environment,
            ObjectProvider<NetworkPolicyCustomizer> customizers) {
        return new WebhookPropertiesMapper(properties, environment).networkPolicy(customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    EndpointRegistry webhookEndpointRegistry(CactusWebhooksProperties properties, Environment environment,
            NetworkPolicy networkPolicy, ObjectProvider<DataSource> dataSources, ObjectProvider<Clock> clocks) {
        List<Endpoint> configured = new WebhookPropertiesMapper(properties, environment).endpoints(networkPolicy);
        if (properties.getEndpointRegistry() == CactusWebhooksProperties.RegistryType.STATIC) {
            return new StaticEndpointRegistry(configured);
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.endpoint-registry",
                    "is 'jdbc' but the application has no (single or primary) DataSource bean");
        }
        boolean create = initializeSchema(properties, dataSource);
        JdbcEndpointRegistry registry;
        try {
            registry = JdbcEndpointRegistry.builder(dataSource).initializeSchema(create).clock(clock(clocks)).build();
        } catch (io.cactus.webhooks.WebhookStoreException e) {
            if (create || e.isUnavailable()) {
                throw e;
            }
            throw missingTables(e);
        }
        // The configured endpoints are managed by configuration (read-only at runtime); the others
        // are runtime endpoints, left alone. A managed endpoint no longer configured becomes a runtime one.
        registry.applyConfiguration(configured);
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    EventTypeCatalog webhookEventTypes(CactusWebhooksProperties properties, Environment environment,
            ResourceLoader resourceLoader) {
        return new WebhookPropertiesMapper(properties, environment).eventTypes(resourceLoader);
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
            ObjectProvider<PayloadSerializer> serializer, ObjectProvider<WebhooksBuilderCustomizer> customizers,
            ObjectProvider<Clock> clocks, EventTypeCatalog eventTypes) {
        WebhookPropertiesMapper mapper = new WebhookPropertiesMapper(properties, environment);
        Webhooks.Builder builder = mapper.dispatching(Webhooks.builder()
                .eventTypes(eventTypes)
                .clock(clock(clocks)) // the same clock as the store's: due times and claims agree
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

    /**
     * The core publisher, when spring-jdbc is absent (otherwise the transactional one, defined first
     * by {@link TransactionalPublisherConfiguration}).
     */
    @Bean
    @ConditionalOnMissingBean
    WebhookPublisher webhookPublisher(Webhooks webhooks) {
        return webhooks.publisher();
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookEventBridge webhookEventBridge(WebhookPublisher publisher, ObjectProvider<Clock> clocks) {
        return new WebhookEventBridge(publisher, clock(clocks));
    }

    /**
     * The transactional {@link SpringWebhookPublisher}, when spring-jdbc is on the class path. It
     * joins transactions on the store's own DataSource; a single transaction manager that manages
     * another DataSource fails the startup, as publishing would then not be atomic with the
     * application's data.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.datasource.DataSourceUtils")
    static class TransactionalPublisherConfiguration {

        @Bean
        @ConditionalOnMissingBean(WebhookPublisher.class)
        SpringWebhookPublisher springWebhookPublisher(Webhooks webhooks, DeliveryStore store,
                ObjectProvider<org.springframework.transaction.PlatformTransactionManager> transactionManagers) {
            DataSource dataSource = store instanceof TransactionalDeliveryStore tx ? tx.dataSource().orElse(null) : null;
            if (dataSource != null) {
                TransactionManagers.checkManages(transactionManagers.getIfUnique(), dataSource);
            }
            return new SpringWebhookPublisher(webhooks, dataSource);
        }
    }
}
