package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.json.JacksonPayloadSerializer;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.WebhookEvent;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * The limit: async OkHttp POSTs of the encoded body, no database, at most {@code concurrency} in
 * flight (a publish waits for a permit, given back when the response arrives).
 */
final class RawOkHttpPeer implements PeerVariant {

    private final OkHttpClient client;
    private final String url;
    private final int concurrency;
    private final Semaphore inFlight;
    private final PayloadSerializer encoder = new JacksonPayloadSerializer();
    private final AtomicInteger failures = new AtomicInteger();

    RawOkHttpPeer(String url, int concurrency) {
        this.client = LoopbackClient.create(concurrency);
        this.url = url;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
    }

    @Override
    public void publish(WebhookEvent event) throws InterruptedException {
        inFlight.acquire();
        LoopbackClient.sendAsync(client, url, event.id(), encoder.serialize(event),
                failures::incrementAndGet, inFlight::release);
    }

    @Override
    public boolean settled() {
        return inFlight.availablePermits() == concurrency;
    }

    int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        LoopbackClient.close(client);
    }
}
