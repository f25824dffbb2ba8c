package io.cactus.webhooks.spi;

import io.cactus.webhooks.delivery.AttemptOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed request. Must be thread-safe and asynchronous: {@link #send} returns at once.
 * The library calls {@link #send} from its dispatcher threads and from the threads that complete
 * earlier futures; the default is {@link io.cactus.webhooks.http.OkHttpWebhookTransport}.
 */
public interface WebhookTransport extends AutoCloseable {

    /**
     * Sends a POST. The future completes normally for every outcome, failures included (connection
     * refused, timeout, refused address): the {@link AttemptOutcome} says what happened, with a
     * {@link io.cactus.webhooks.delivery.FailureKind} when no usable response came. A request that
     * cannot be built (an invalid header value, a URL the policy refuses) is reported as the
     * permanent kinds {@code INVALID_REQUEST} and {@code ADDRESS_REFUSED}, never thrown.
     *
     * <p>The future may be completed on any thread; the library's own stage on it does not block.
     * After {@link #close()} a send should complete at once with
     * {@link io.cactus.webhooks.delivery.FailureKind#CANCELLED}. (A future that completes
     * exceptionally, or a send that throws, is recorded as an {@code IO} failure.)
     *
     * @param request what to send, where, and the attempt's time budget
     * @return a future of the attempt's outcome; never null
     */
    CompletableFuture<AttemptOutcome> send(TransportRequest request);

    /**
     * Releases connections and threads; sends under way may be cancelled (their outcome is then
     * {@link io.cactus.webhooks.delivery.FailureKind#CANCELLED}). Must be idempotent. Called by
     * {@link io.cactus.webhooks.Webhooks#close()} only for a transport the library built.
     */
    @Override
    void close();

    /**
     * One request to send. Not copied: the transport must not modify the body or the headers.
     *
     * @param url where to POST; absolute http(s), checked by the endpoint
     * @param headers every header to send (signature, auth, extras), in order; the signature
     *     headers' names are lower-case, auth and extra headers keep the case they were given in
     * @param body the exact bytes, already signed
     * @param timeout the whole attempt's time budget, positive
     */
    record TransportRequest(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
    }
}
