package io.cactus.dashboard.demo;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Subscribes the demo receiver to every event: the endpoint {@value #ENDPOINT_ID} at
 * {@code http://127.0.0.1:<port>/demo/receiver}, saved through the admin view
 * ({@code webhooks.admin().saveEndpoint}, which checks the URL against the network policy like any
 * other endpoint's) once the web server knows its port (with {@code server.port=0} and in tests it
 * is only known then).
 *
 * <p>The URL names {@code 127.0.0.1}, not {@code localhost}: the SSRF guard then checks the one
 * address, port and path that the demo receiver's allowance lets through
 * ({@link DemoReceiverConfiguration.DemoEndpointConfiguration#demoReceiverAllowance}), whatever
 * {@code localhost} resolves to. The port is handed to {@link DemoReceiverAddress} first, so the
 * allowance names it before the endpoint is saved.
 */
@NullMarked
final class DemoEndpointRegistrar {

    static final String ENDPOINT_ID = "demo";

    private static final Logger log = LoggerFactory.getLogger(DemoEndpointRegistrar.class);

    private final Webhooks webhooks;
    private final Environment env;
    private final DemoReceiverAddress address;

    DemoEndpointRegistrar(Webhooks webhooks, Environment env, DemoReceiverAddress address) {
        this.webhooks = webhooks;
        this.env = env;
        this.address = address;
    }

    @EventListener
    void onWebServerInitialized(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a management server on its own port
        }
        address.listeningOn(event.getWebServer().getPort());
        if (!webhooks.admin().canEditEndpoints()) {
            log.warn("The demo receiver is not subscribed: endpoints are not managed at runtime"
                    + " (set cactus.webhooks.endpoint-registry=jdbc)");
            return;
        }
        String url = address.url();
        Optional<Endpoint> stored = webhooks.reader().endpoint(ENDPOINT_ID);
        Endpoint.Builder endpoint = stored.map(Endpoint::toBuilder)
                .orElseGet(() -> Endpoint.builder(ENDPOINT_ID, url).events("*"))
                .url(url)
                .secrets(secrets(stored));
        webhooks.admin().saveEndpoint(endpoint.build());
        log.info("Demo receiver subscribed to all events as endpoint '{}' at {}", ENDPOINT_ID, url);
    }

    /** Configuration wins; else the stored secrets (possibly rotated on the dashboard); else a new one. */
    private List<WebhookSecret> secrets(Optional<Endpoint> stored) {
        DemoSecret configured = DemoSecret.configured(env);
        if (configured != null) {
            try {
                return List.of(WebhookSecret.parse(configured.text()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(configured.source() + " cannot sign for the demo receiver: "
                        + e.getMessage());
            }
        }
        return stored.map(Endpoint::secrets).orElseGet(() -> List.of(WebhookSecret.generate()));
    }
}
