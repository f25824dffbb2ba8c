package io.cactus.webhooks.spring;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.cactus.webhooks.signing.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.Ordered;

/**
 * The receiving side: verification of incoming webhooks on {@code cactus.webhooks.receiver.paths},
 * when {@code cactus.webhooks.receiver.enabled=true} in a servlet web application.
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

    @Bean
    @ConditionalOnMissingBean(name = "webhookVerificationFilter")
    FilterRegistrationBean<WebhookVerificationFilter> webhookVerificationFilter(CactusWebhooksProperties properties) {
        CactusWebhooksProperties.Receiver r = properties.getReceiver();
        List<String> secrets = r.getSecrets() == null ? List.of() : r.getSecrets();
        if (secrets.isEmpty()) {
            throw new InvalidWebhookPropertyException(PREFIX + "secrets",
                    "is required when cactus.webhooks.receiver.enabled=true");
        }
        WebhookVerifier.Builder verifier = WebhookVerifier.builder();
        for (int i = 0; i < secrets.size(); i++) {
            try {
                verifier.secret(secrets.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidWebhookPropertyException(PREFIX + "secrets[" + i + "]",
                        InvalidWebhookPropertyException.problemOf(e));
            }
        }
        Duration tolerance = r.getTolerance();
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new InvalidWebhookPropertyException(PREFIX + "tolerance", "must be positive, was " + tolerance);
        }
        verifier.tolerance(tolerance);
        if (r.getPaths() == null || r.getPaths().isEmpty()) {
            throw new InvalidWebhookPropertyException(PREFIX + "paths", "needs at least one path pattern");
        }
        if (r.getMaxBodySize() == null || r.getMaxBodySize().toBytes() < 1) {
            throw new InvalidWebhookPropertyException(PREFIX + "max-body-size",
                    "must be positive, was " + r.getMaxBodySize());
        }
        WebhookVerificationFilter filter = new WebhookVerificationFilter(verifier.build(), r.getPaths(),
                r.getMaxBodySize().toBytes());
        FilterRegistrationBean<WebhookVerificationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("webhookVerificationFilter");
        // before anything that might read the body (logging, security, form parsing)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
