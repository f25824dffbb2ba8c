package io.cactus.dashboard.demo;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spring.WebhookSecretResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The secrets the adapter's {@code WebhookVerificationFilter} verifies the demo receiver's requests
 * with: the demo endpoint's current secrets in the endpoint registry (newest first, several while
 * it is being rotated on the dashboard), looked up per request so that a rotation applies at once.
 * No demo endpoint, no secret: the filter refuses with 401 {@code NO_SECRET}.
 */
final class DemoSecretResolver implements WebhookSecretResolver {

    private final ObjectProvider<EndpointRegistry> registry;

    DemoSecretResolver(ObjectProvider<EndpointRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public List<WebhookSecret> secrets(String path, HttpServletRequest request) {
        if (!DemoReceiverController.PATH.equals(path)) {
            return List.of();
        }
        EndpointRegistry endpoints = registry.getIfAvailable();
        return endpoints == null ? List.of()
                : endpoints.find(DemoEndpointRegistrar.ENDPOINT_ID).map(Endpoint::secrets).orElse(List.of());
    }
}
