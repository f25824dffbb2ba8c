package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.portal.CactusPortalProperties;
import io.cactus.webhooks.portal.PortalTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.jspecify.annotations.NullMarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's token issuer, so that the dashboard starts without a configured signing key: with
 * {@code CACTUS_PORTAL_SIGNING_KEY} ({@code cactus.webhooks.portal.signing-key}) set, tokens are signed
 * with it, as the portal's own auto-configuration would; unset, with a random key made at this start,
 * said in the log, so a portal link (and session) issued before a restart no longer opens the portal
 * after it, and two nodes do not accept each other's links. Replaces the portal's
 * {@code @ConditionalOnMissingBean} {@link PortalTokens} bean, which refuses to start without a key;
 * the key's length is checked by {@link CactusPortalProperties} (at least 32 bytes, else the start fails
 * naming the property). The key is never logged.
 */
@NullMarked
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PortalSigningKeyConfig {

    private static final Logger log = LoggerFactory.getLogger(PortalSigningKeyConfig.class);

    @Bean
    @ConditionalOnBooleanProperty(name = "cactus.webhooks.portal.enabled")
    PortalTokens portalTokens(CactusPortalProperties properties, Clock clock) {
        String key = properties.getSigningKey();
        byte[] bytes;
        if (key == null) {
            bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            log.warn("CACTUS_PORTAL_SIGNING_KEY is not set: webhooks portal links are signed with a random key made"
                    + " at this start, so every link issued now stops working when the app restarts. Set it to at"
                    + " least 32 random bytes (openssl rand -base64 48) to keep links across restarts.");
        } else {
            bytes = key.getBytes(StandardCharsets.UTF_8);
        }
        return new PortalTokens(bytes, properties.getTokenTtl(), clock);
    }
}
