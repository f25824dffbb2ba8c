package io.cactus.webhooks.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The OkHttp client the baselines and the peers send with: at most {@code concurrency} async calls,
 * as many idle connections kept, no silent retries. One client per sender, shared by its threads.
 */
final class LoopbackClient {

    static final MediaType JSON = MediaType.get("application/json");

    private LoopbackClient() {
    }

    static OkHttpClient create(int concurrency) {
        okhttp3.Dispatcher d = new okhttp3.Dispatcher();
        d.setMaxRequests(concurrency);
        d.setMaxRequestsPerHost(concurrency);
        return new OkHttpClient.Builder().dispatcher(d)
                .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .build();
    }

    /** A POST of the body with the {@code webhook-id} the receiver keys its receipts on. */
    static Request post(String url, String webhookId, byte[] body) {
        return new Request.Builder().url(url).header("webhook-id", webhookId).post(RequestBody.create(body, JSON))
                .build();
    }

    /** Sends synchronously in the calling thread; an answer other than 2xx is an {@link IOException}. */
    static void send(OkHttpClient client, String url, String webhookId, byte[] body) throws IOException {
        try (Response response = client.newCall(post(url, webhookId, body)).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code() + " for " + webhookId);
            }
        }
    }

    /**
     * Sends without waiting for the answer: {@code onFailure} runs when no answer came, then
     * {@code onDone} after any answer or failure (on OkHttp's threads).
     */
    static void sendAsync(OkHttpClient client, String url, String webhookId, byte[] body, Runnable onFailure,
            Runnable onDone) {
        client.newCall(post(url, webhookId, body)).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                onDone.run();
            }

            @Override
            public void onFailure(Call call, IOException e) {
                onFailure.run();
                onDone.run();
            }
        });
    }

    static void close(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
