package io.cactus.dashboard.alerts;

import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.operational.OperationalEventType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Registers {@code ALERT_WEBHOOK_URL} (property {@code cactus.dashboard.alerts.webhook-url}) as the
 * endpoint {@value AlertService#ALERTS_ENDPOINT}, the operator endpoint of the library's operational
 * events ({@code cactus.webhooks.operational-events.endpoint=alerts}), subscribed to the operational
 * event types only, through the admin view ({@code webhooks.admin().saveEndpoint}): alerts travel as
 * the library's signed, retried operational events under the same SSRF policy as every other
 * endpoint (they reach it by a targeted publish; the filters only say so on the endpoints page). An existing {@code alerts}
 * endpoint keeps its secrets; a new one signs with {@code cactus.webhooks.secret}
 * ({@code WEBHOOK_SECRET}) when set, else with a generated secret shown on the endpoints page.
 */
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Component
class AlertsEndpointSetup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AlertsEndpointSetup.class);
    private static final String[] OPERATIONAL_TYPES = Arrays.stream(OperationalEventType.values())
            .map(OperationalEventType::wireName).toArray(String[]::new);

    private final Webhooks webhooks;
    private final String url;
    private final String secret;

    AlertsEndpointSetup(Webhooks webhooks, @Value("${cactus.dashboard.alerts.webhook-url:}") String url,
            @Value("${cactus.webhooks.secret:${WEBHOOK_SECRET:}}") String secret) {
        this.webhooks = webhooks;
        this.url = url;
        this.secret = secret;
    }

    @Override
    public void afterPropertiesSet() {
        if (url == null || url.isBlank()) {
            return;
        }
        WebhookAdmin admin = webhooks.admin();
        if (!admin.canEditEndpoints()) {
            throw new IllegalStateException("ALERT_WEBHOOK_URL needs cactus.webhooks.endpoint-registry=jdbc");
        }
        Endpoint endpoint;
        try {
            Optional<Endpoint> existing = webhooks.reader().endpoint(AlertService.ALERTS_ENDPOINT);
            Endpoint.Builder builder = existing.map(e -> e.toBuilder().url(url))
                    .orElseGet(() -> Endpoint.builder(AlertService.ALERTS_ENDPOINT, url));
            if (existing.isEmpty() && !secret.isBlank()) {
                builder.secret(WebhookSecret.parse(secret.strip()));
            }
            endpoint = builder.filters(List.of()).events(OPERATIONAL_TYPES).build();
            admin.saveEndpoint(endpoint); // checks the URL against the network policy first
        } catch (RuntimeException e) {
            throw new IllegalStateException("ALERT_WEBHOOK_URL is not usable: " + e.getMessage(), e);
        }
        log.info("Operational events (alerts) are sent to endpoint '{}' ({})", endpoint.id(), endpoint.url());
    }
}
