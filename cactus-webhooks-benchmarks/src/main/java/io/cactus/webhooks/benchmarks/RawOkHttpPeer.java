package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.EventEncoder;
import io.cactus.webhooks.WebhookEvent;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The limit: async OkHttp POSTs of the encoded body, no database, at most {@code concurrency} in
 * flight (a publish waits for a permit, given back when the response arrives).
 */
final class RawOkHttpPeer implements PeerVariant {

    private final OkHttpClient client;
    private final String url;
    private final int concurrency;
    private final Semaphore inFlight;
    private final EventEncoder encoder = EventEncoder.defaults();
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
        client.newCall(LoopbackClient.post(url, event.id(), encoder.encode(event).unsafeBody())).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                inFlight.release();
            }

            @Override
            public void onFailure(Call call, IOException e) {
                failures.incrementAndGet();
                inFlight.release();
            }
        });
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
