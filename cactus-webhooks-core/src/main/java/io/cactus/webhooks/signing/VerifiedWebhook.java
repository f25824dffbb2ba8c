package io.cactus.webhooks.signing;

import java.time.Instant;

/**
 * What a successful verification established: the message id (use it to drop duplicates, since
 * delivery is at least once) and the attempt's signed timestamp. Immutable and thread-safe.
 *
 * @param id the message id from the id header
 * @param timestamp the signed timestamp of this attempt
 */
public record VerifiedWebhook(String id, Instant timestamp) {
}
