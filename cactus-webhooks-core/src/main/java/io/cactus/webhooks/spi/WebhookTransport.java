package io.cactus.webhooks.spi;

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
     * refused, timeout, refused address): the {@link TransportResponse} says what happened.
     */
    CompletableFuture<TransportResponse> send(TransportRequest request);

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

    /**
     * @param statusCode the HTTP status, or 0 when no response came
     * @param retryAfter the {@code Retry-After} header, or null
     * @param bodyExcerpt at most the first 4 KiB of the response body as text, or null
     * @param error why no usable response came ({@code timeout}, {@code connection refused},
     *     {@code address not allowed: ...}), or null when a response came
     * @param duration from the start of the request to the end of reading the excerpt or failing
     */
    record TransportResponse(int statusCode, String retryAfter, String bodyExcerpt, String error, Duration duration) {
    }
}
