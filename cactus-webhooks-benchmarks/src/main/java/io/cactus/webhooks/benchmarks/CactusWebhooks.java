package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.spi.DeliveryStore;

/**
 * Cactus as the load runs configure it, through the public API only (so the runs keep compiling
 * while the dispatcher's internals change): one endpoint on the loopback receiver, the default
 * transport allowed to reach 127.0.0.1.
 */
final class CactusWebhooks {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private CactusWebhooks() {
    }

    /** Not built: the caller may add settings, then {@code build()} and (or later) {@code start()}. */
    static Webhooks.Builder builder(DeliveryStore store, String url, int concurrency, int maxInFlight) {
        return Webhooks.builder()
                .store(store)
                .endpoint(Endpoint.builder("load", url).secret(SECRET).maxInFlight(maxInFlight).build())
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .concurrency(concurrency);
    }
}
