package io.cactus.dashboard.demo;

import java.time.Instant;

/**
 * One request the demo receiver got.
 *
 * @param webhookId the {@code webhook-id} header (or {@code svix-id}), null when absent
 * @param eventType the envelope's {@code type}; read from the body even when the signature failed,
 *     so for an invalid request it is only what the sender claimed
 * @param receivedAt when it arrived
 * @param signatureValid whether the signature verified
 * @param failureReason why verification failed ({@code NO_MATCHING_SIGNATURE: ...}), null when valid
 */
public record ReceivedWebhook(String webhookId, String eventType, Instant receivedAt, boolean signatureValid,
        String failureReason) {
}
