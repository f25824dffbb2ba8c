package io.cactus.webhooks.internal;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSigner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Caches one signer per endpoint, rebuilt when its secrets change. Thread-safe. */
final class EndpointSigners {
    private record Entry(Object secrets, WebhookSigner signer) {
    }

    private final Map<String, Entry> byEndpoint = new ConcurrentHashMap<>();

    WebhookSigner forEndpoint(Endpoint e) {
        Entry entry = byEndpoint.get(e.id());
        if (entry == null || !entry.secrets().equals(e.secrets())) {
            entry = new Entry(e.secrets(), WebhookSigner.of(e.secrets(), List.of()));
            byEndpoint.put(e.id(), entry);
        }
        return entry.signer();
    }
}
