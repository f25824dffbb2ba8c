package io.cactus.dashboard.demo;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.WebhookSecretResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The secrets the adapter's {@code WebhookVerificationFilter} verifies the demo receiver's requests
 * with: the demo endpoint's current secrets, read through {@code webhooks.reader()} (newest first,
 * several while it is being rotated on the dashboard), looked up per request so that a rotation
 * applies at once (the registry keeps its endpoints in memory, reloaded after a write and every few
 * seconds, so this is seldom a query). The
 * {@code Webhooks} bean is looked up once, on the first request that finds it, not per request.
 * No demo endpoint (or no webhooks), no secret: the filter refuses with 401 {@code NO_SECRET}. The
 * filter verifies with them; the controller only sees verified requests. Thread-safe.
 */
@NullMarked
final class DemoSecretResolver implements WebhookSecretResolver {

    private final ObjectProvider<Webhooks> webhooks;
    private volatile @Nullable Webhooks resolved;

    DemoSecretResolver(ObjectProvider<Webhooks> webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public List<WebhookSecret> secrets(String path, HttpServletRequest request) {
        if (!DemoReceiverController.PATH.equals(path)) {
            return List.of();
        }
        Webhooks available = resolved;
        if (available == null) {
            available = webhooks.getIfAvailable();
            resolved = available;
        }
        return available == null ? List.of()
                : available.reader().endpoint(DemoEndpointRegistrar.ENDPOINT_ID).map(Endpoint::secrets).orElse(List.of());
    }
}
