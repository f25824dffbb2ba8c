package io.cactus.webhooks.delivery;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one retention run did: told to {@link DeliveryListener#onRetentionRun} and returned by
 * {@link io.cactus.webhooks.WebhookAdmin#runRetention()}. Immutable and thread-safe; the maps are
 * unmodifiable and have an entry for each of SUCCEEDED, DEAD and CANCELLED.
 *
 * @param ran true if this node held the retention lease and purged; false if another node holds it
 *     (then every count is 0)
 * @param startedAt when the run started, by the instance's clock
 * @param deliveries deliveries deleted, by the status they ended in
 * @param attempts attempts deleted with them, by their delivery's status
 * @param messages messages deleted: with their last delivery, or matched no endpoint and old
 * @param payloads message payloads expunged (their metadata kept)
 * @param batches transactions the run used to delete and expunge (a batch that found nothing counts)
 * @param oldestFinished the finish time of the oldest delivery kept, by status, after the run (read
 *     by every node, also one that did not purge); a status without an entry has no finished delivery
 * @param idempotencyKeys idempotency keys deleted because their window had ended
 */
public record RetentionReport(boolean ran, Instant startedAt, Map<DeliveryStatus, Long> deliveries,
        Map<DeliveryStatus, Long> attempts, long messages, long payloads, int batches,
        Map<DeliveryStatus, Instant> oldestFinished, long idempotencyKeys) {

    /**
     * A report without idempotency keys deleted.
     *
     * @param ran whether this node held the lease and purged
     * @param startedAt when the run started
     * @param deliveries deliveries deleted by status
     * @param attempts attempts deleted by their delivery's status
     * @param messages messages deleted
     * @param payloads payloads expunged
     * @param batches transactions used
     * @param oldestFinished the oldest finish kept by status
     */
    public RetentionReport(boolean ran, Instant startedAt, Map<DeliveryStatus, Long> deliveries,
            Map<DeliveryStatus, Long> attempts, long messages, long payloads, int batches,
            Map<DeliveryStatus, Instant> oldestFinished) {
        this(ran, startedAt, deliveries, attempts, messages, payloads, batches, oldestFinished, 0);
    }

    /**
     * Copies the maps; checks nothing else (the library makes reports, applications read them).
     *
     * @param ran whether this node held the lease and purged
     * @param startedAt when the run started
     * @param deliveries deliveries deleted by status; a missing status counts 0
     * @param attempts attempts deleted by their delivery's status; a missing status counts 0
     * @param messages messages deleted
     * @param payloads payloads expunged
     * @param batches transactions used
     * @param oldestFinished the oldest finish kept by status
     * @param idempotencyKeys expired idempotency keys deleted
     */
    public RetentionReport {
        deliveries = copy(deliveries);
        attempts = copy(attempts);
        oldestFinished = Collections.unmodifiableMap(oldestFinished.isEmpty()
                ? new EnumMap<>(DeliveryStatus.class) : new EnumMap<>(oldestFinished));
    }

    private static Map<DeliveryStatus, Long> copy(Map<DeliveryStatus, Long> counts) {
        Map<DeliveryStatus, Long> m = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus s : DeliveryStatus.values()) {
            if (s.isTerminal()) {
                m.put(s, counts.getOrDefault(s, 0L));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Deliveries deleted in all.
     *
     * @return the sum over the statuses
     */
    public long deliveriesPurged() {
        return deliveries.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The finish time of the oldest delivery kept that ended in {@code status}.
     *
     * @param status a terminal status
     * @return the time, or empty when there is none
     */
    public Optional<Instant> oldestFinished(DeliveryStatus status) {
        @Nullable Instant t = oldestFinished.get(status);
        return Optional.ofNullable(t);
    }
}
