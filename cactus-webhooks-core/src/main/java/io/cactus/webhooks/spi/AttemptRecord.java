package io.cactus.webhooks.spi;

import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy.Decision;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one claimed attempt, for {@link DeliveryStore#record}: the attempt log entry and
 * the delivery's new state. Immutable and thread-safe.
 *
 * @param claim the claim this attempt was made under
 * @param attempt what happened: of the claim's delivery, with the claim's attempt number
 * @param newStatus SUCCEEDED, RETRYING, DEAD, CANCELLED or BLOCKED (an ordered head that used its
 *     attempts, on an endpoint that blocks its key then)
 * @param nextAttemptAt when RETRYING: when it is due again; otherwise null
 */
public record AttemptRecord(ClaimedDelivery claim, DeliveryAttempt attempt, DeliveryStatus newStatus,
        @Nullable Instant nextAttemptAt) {
    /**
     * Checks the components against each other.
     *
     * @param claim the claim
     * @param attempt the attempt, of the claim's delivery and attempt number
     * @param newStatus the delivery's new status: terminal or RETRYING
     * @param nextAttemptAt when RETRYING, the next attempt's time; otherwise null
     * @throws IllegalArgumentException naming what is wrong
     */
    public AttemptRecord {
        if (claim == null || attempt == null || newStatus == null) {
            throw new IllegalArgumentException("claim, attempt and newStatus must not be null");
        }
        if (newStatus == DeliveryStatus.PENDING || newStatus == DeliveryStatus.IN_FLIGHT) {
            throw new IllegalArgumentException("an attempt cannot leave a delivery " + newStatus);
        }
        if ((newStatus == DeliveryStatus.RETRYING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("nextAttemptAt is required for RETRYING and only for it");
        }
        if (!attempt.deliveryId().equals(claim.deliveryId())) {
            throw new IllegalArgumentException("an attempt of delivery " + attempt.deliveryId()
                    + " under a claim of " + claim.deliveryId());
        }
        if (attempt.attempt() != claim.attempt()) {
            throw new IllegalArgumentException("attempt " + attempt.attempt() + " of delivery " + claim.deliveryId()
                    + " under a claim of attempt " + claim.attempt());
        }
    }

    /**
     * The record of {@code attempt} under {@code claim}, with the state {@code decision} gives.
     *
     * @param claim the claim
     * @param attempt the attempt
     * @param decision the retry policy's decision, for the new status and next attempt time
     * @return the record
     * @throws IllegalArgumentException if an argument is null or they do not fit together
     */
    public static AttemptRecord of(ClaimedDelivery claim, DeliveryAttempt attempt, Decision decision) {
        if (decision == null) {
            throw new IllegalArgumentException("decision must not be null");
        }
        return new AttemptRecord(claim, attempt, decision.status(), decision.nextAttemptAt());
    }
}
