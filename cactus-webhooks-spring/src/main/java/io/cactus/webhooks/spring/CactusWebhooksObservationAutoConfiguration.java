package io.cactus.webhooks.spring;

import io.cactus.webhooks.spi.WebhookObserver;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Observation and tracing of webhooks, when the application has a Micrometer
 * {@link ObservationRegistry} (Boot's actuator makes one): a {@link MicrometerWebhookObserver}
 * that observes every attempt as {@code cactus.webhooks.attempt}, given to the {@code Webhooks}
 * builder together with {@code cactus.webhooks.tracing.send-traceparent}; and, with a Micrometer
 * Tracing {@link Tracer}, the trace context of each publish stored with its message and the
 * {@link WebhookAttemptTracingObservationHandler} that makes each attempt's span link to it.
 *
 * <p>Every bean backs off when the application defines its own; a {@link WebhookObserver} bean of
 * the application's replaces the Micrometer one. An application that builds its own
 * {@code Webhooks} bean passes the observer to {@code Webhooks.Builder#observer} itself.
 */
@AutoConfiguration(afterName = {
        "io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
@EnableConfigurationProperties(CactusWebhooksProperties.class)
public final class CactusWebhooksObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(WebhookObserver.class)
    MicrometerWebhookObserver webhookObserver(ObservationRegistry registry, CactusWebhooksProperties properties,
            ObjectProvider<EndpointTags> endpointTags, ObjectProvider<WebhookAttemptObservationConvention> convention,
            ObjectProvider<TracerTraceContextSupplier> traceContexts) {
        TracerTraceContextSupplier tracing = traceContexts.getIfAvailable();
        return new MicrometerWebhookObserver(registry,
                endpointTags.getIfAvailable(() -> CactusWebhooksMetricsAutoConfiguration.endpointTags(properties)),
                tracing != null ? tracing : () -> null, convention.getIfAvailable());
    }

    /** Ordered first, so that a customizer of the application's can still change both settings. */
    @Bean
    @Order(0)
    WebhooksBuilderCustomizer webhookObservationCustomizer(WebhookObserver observer,
            CactusWebhooksProperties properties) {
        boolean send = properties.getTracing().isSendTraceparent();
        return builder -> builder.observer(observer).propagateTraceContext(send);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    @ConditionalOnBean(type = "io.micrometer.tracing.Tracer")
    static class TracingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TracerTraceContextSupplier webhookTraceContextSupplier(Tracer tracer, ObjectProvider<Propagator> propagator) {
            return new TracerTraceContextSupplier(tracer, propagator.getIfAvailable());
        }

        @Bean
        @ConditionalOnMissingBean
        @Order(WebhookAttemptTracingObservationHandler.ORDER)
        WebhookAttemptTracingObservationHandler webhookAttemptTracingObservationHandler(Tracer tracer) {
            return new WebhookAttemptTracingObservationHandler(tracer);
        }
    }
}
