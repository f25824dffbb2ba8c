package io.cactus.webhooks.portal;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration;
import io.cactus.webhooks.spring.InvalidWebhookPropertyException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Mounts the consumer portal when {@code cactus.webhooks.portal.enabled=true} in a servlet web
 * application that has a {@link Webhooks} bean: the {@link PortalTokens} bean the host issues links
 * with, the portal's session filter on {@code cactus.webhooks.portal.path}, its pages and its JSON API.
 * Fails at startup, naming the property, when enabled without a {@code signing-key}.
 *
 * <p>The host's own security stays the host's: with Spring Security the host permits the portal path
 * (the portal checks its own sessions and CSRF tokens behind it).
 */
@AutoConfiguration(after = CactusWebhooksAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.portal.enabled")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Webhooks.class)
@EnableConfigurationProperties(CactusPortalProperties.class)
public final class CactusPortalAutoConfiguration {

    /** The portal filter's order: after a host's Spring Security chain (-100), before everything else. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

    /** Created by Spring. */
    CactusPortalAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    PortalTokens portalTokens(CactusPortalProperties properties, ObjectProvider<Clock> clock) {
        String key = properties.getSigningKey();
        if (key == null) {
            throw new InvalidWebhookPropertyException("cactus.webhooks.portal.signing-key",
                    "is required when cactus.webhooks.portal.enabled=true: at least " + PortalTokens.MIN_KEY_BYTES
                            + " random bytes, e.g. the output of 'openssl rand -base64 48'");
        }
        return new PortalTokens(key.getBytes(StandardCharsets.UTF_8), properties.getTokenTtl(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    PortalSessions cactusPortalSessions(CactusPortalProperties properties, ObjectProvider<Clock> clock) {
        return new PortalSessions(properties.getSessionTtl(), clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    FilterRegistrationBean<PortalAccessFilter> cactusPortalAccessFilter(CactusPortalProperties properties,
            PortalSessions sessions) {
        FilterRegistrationBean<PortalAccessFilter> registration = new FilterRegistrationBean<>(
                new PortalAccessFilter(properties.getPath(), sessions));
        registration.addUrlPatterns(properties.getPath(), properties.getPath() + "/*");
        registration.setOrder(FILTER_ORDER);
        registration.setName("cactusPortalAccessFilter");
        return registration;
    }

    @Bean
    PortalService cactusPortalService(Webhooks webhooks, ObjectProvider<Clock> clock) {
        return new PortalService(webhooks, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    PortalLoginController cactusPortalLoginController(CactusPortalProperties properties, PortalTokens tokens,
            PortalSessions sessions) {
        return new PortalLoginController(properties.getPath(), tokens, sessions);
    }

    @Bean
    PortalPagesController cactusPortalPagesController(CactusPortalProperties properties, PortalService service) {
        return new PortalPagesController(properties.getPath(), service);
    }

    @Bean
    PortalApiController cactusPortalApiController(PortalService service) {
        return new PortalApiController(service);
    }
}
