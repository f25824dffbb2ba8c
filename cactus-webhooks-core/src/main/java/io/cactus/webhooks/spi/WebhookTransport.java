package io.cactus.webhooks.spi;

import io.cactus.webhooks.delivery.AttemptOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed request. Must be thread-safe and asynchronous: {@link #send} returns at once.
 */
public interface WebhookTransport extends AutoCloseable {

    /**
     * Sends a POST. The future completes normally for every outcome, failures included (connection
     * refused, timeout, refused address): the {@link AttemptOutcome} says what happened, with a
     * {@link io.cactus.webhooks.delivery.FailureKind} when no usable response came. A request that
     * cannot be built (an invalid header value, a URL the policy refuses) is reported as the
     * permanent kinds {@code INVALID_REQUEST} and {@code ADDRESS_REFUSED}, never thrown.
     */
    CompletableFuture<AttemptOutcome> send(TransportRequest request);

    /** Releases connections and threads; sends under way may be cancelled. */
    @Override
    void close();

    /**
     * @param url where to POST
     * @param headers every header to send (signature, auth, extras), names lower-case
     * @param body the exact bytes, already signed
     * @param timeout the whole attempt's time budget
     */
    record TransportRequest(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
    }
}
