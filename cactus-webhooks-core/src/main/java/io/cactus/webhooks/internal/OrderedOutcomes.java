package io.cactus.webhooks.internal;

import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy.Decision;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimedDelivery;
import org.jspecify.annotations.Nullable;

/** What ordering per key changes in an attempt's outcome: an exhausted head of a blocking endpoint is BLOCKED. */
final class OrderedOutcomes {

    private OrderedOutcomes() {
    }

    /**
     * The record of an attempt: as the decision says, except that an ordered delivery that would go
     * DEAD on an endpoint that blocks its key then becomes BLOCKED. A permanent failure of our own
     * side and a 410 Gone (which disables the endpoint) block too: the key must not skip silently.
     */
    static AttemptRecord record(ClaimedDelivery claim, @Nullable Endpoint endpoint, DeliveryAttempt attempt,
            Decision decision) {
        if (decision.status() == DeliveryStatus.DEAD && claim.orderingKey() != null && endpoint != null
                && endpoint.ordering() == EndpointOrdering.PER_KEY_BLOCK) {
            return new AttemptRecord(claim, attempt, DeliveryStatus.BLOCKED, null);
        }
        return AttemptRecord.of(claim, attempt, decision);
    }

    /** Whether a stored record ended an ordered delivery's turn (finished it), so the next of its key is claimable. */
    static boolean freesKey(AttemptRecord r) {
        return r.claim().orderingKey() != null && r.newStatus().isTerminal();
    }
}
