package io.cactus.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * The record of one attempt.
 *
 * @param deliveryId the delivery
 * @param attempt the attempt number within its round, from 1
 * @param startedAt when the request started
 * @param duration until the response was read or the attempt failed
 * @param statusCode the HTTP status, or null when no response came
 * @param error why it failed ({@code timeout}, {@code connection refused}, {@code HTTP 503}, ...), or null on success
 * @param responseExcerpt the first 4 KiB of the response body as text, or null
 */
public record DeliveryAttempt(String deliveryId, int attempt, Instant startedAt, Duration duration,
        Integer statusCode, String error, String responseExcerpt) {

    /** Most response body characters kept. */
    public static final int MAX_EXCERPT = 4096;

    /** Whether the receiver answered 2xx. */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
