package io.cactus.webhooks.spring;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.cactus.webhooks.signing.WebhookSecret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;

/**
 * The receiving side: verification of incoming webhooks on {@code cactus.webhooks.receiver.paths},
 * when {@code cactus.webhooks.receiver.enabled=true} in a servlet web application. The secrets come
 * from the application's {@link WebhookSecretResolver} bean when it has one, else from
 * {@code cactus.webhooks.receiver.secrets}; the clock is the application's {@link Clock} bean when
 * it has one; problem responses are written with the application's Jackson 3 {@code JsonMapper}
 * when it has one; refusals are published as {@link WebhookRejectedEvent}s.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CactusWebhooksProperties.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {
        "jakarta.servlet.Filter",
        "org.springframework.web.filter.OncePerRequestFilter",
        "org.springframework.boot.web.servlet.FilterRegistrationBean" })
@ConditionalOnBooleanProperty("cactus.webhooks.receiver.enabled")
public final class CactusWebhooksReceiverAutoConfiguration {

    private static final String PREFIX = "cactus.webhooks.receiver.";
    private static final Logger log = LoggerFactory.getLogger(CactusWebhooksReceiverAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(name = "webhookVerificationFilter")
    FilterRegistrationBean<WebhookVerificationFilter> webhookVerificationFilter(CactusWebhooksProperties properties,
            ObjectProvider<WebhookSecretResolver> resolvers, ObjectProvider<Clock> clocks, BeanFactory beans,
            ApplicationEventPublisher events) {
        CactusWebhooksProperties.Receiver r = properties.getReceiver();
        WebhookSecretResolver resolver = resolvers.getIfAvailable();
        if (resolver == null) {
            resolver = propertySecrets(r.getSecrets());
        } else if (r.getSecrets() != null && !r.getSecrets().isEmpty()) {
            log.warn("{}secrets is ignored: the WebhookSecretResolver bean ({}) says which secrets verify",
                    PREFIX, resolver.getClass().getName());
        }
        WebhookVerificationFilter.Builder filter = WebhookVerificationFilter.builder(resolver)
                .eventPublisher(events)
                .clock(CactusWebhooksAutoConfiguration.clock(clocks));
        List<String> paths = r.getPaths() == null ? List.of() : r.getPaths();
        if (paths.isEmpty()) {
            throw new InvalidWebhookPropertyException(PREFIX + "paths", "needs at least one path pattern");
        }
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            map(PREFIX + "paths[" + i + "]", () -> filter.path(path));
        }
        map(PREFIX + "tolerance", () -> filter.tolerance(r.getTolerance()));
        DataSize maxBodySize = r.getMaxBodySize();
        map(PREFIX + "max-body-size", () -> filter.maxBodyBytes(maxBodySize == null ? 0 : maxBodySize.toBytes()));
        HttpMessageConverter<?> json = ProblemDetailWriter.applicationConverter(beans);
        if (json != null) {
            filter.problemConverter(json);
        }
        FilterRegistrationBean<WebhookVerificationFilter> registration = new FilterRegistrationBean<>(filter.build());
        registration.setName("webhookVerificationFilter");
        // before anything that might read the body (logging, security, form parsing)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The secrets of {@code cactus.webhooks.receiver.secrets}, the same for every request. */
    private static WebhookSecretResolver propertySecrets(List<String> configured) {
        if (configured == null || configured.isEmpty()) {
            throw new InvalidWebhookPropertyException(PREFIX + "secrets", "is required when " + PREFIX
                    + "enabled=true and the application has no WebhookSecretResolver bean");
        }
        List<WebhookSecret> secrets = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String text = configured.get(i);
            secrets.add(map(PREFIX + "secrets[" + i + "]", () -> WebhookSecret.parse(text)));
        }
        List<WebhookSecret> fixed = List.copyOf(secrets);
        return (path, request) -> fixed;
    }

    /** Runs a builder step; its {@code IllegalArgumentException} becomes one that names the property. */
    private static <T> T map(String property, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookPropertyException(property, InvalidWebhookPropertyException.problemOf(e), e);
        }
    }
}
