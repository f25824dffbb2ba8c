package io.cactus.webhooks.internal;

import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.PurgedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link RetentionPolicy} to a store: on a schedule (one daemon thread of a
 * {@link ScheduledExecutorService}, a fixed delay between runs), or once when asked. A run takes
 * the store's retention lease first and skips when another node holds it; it keeps the lease
 * between runs (renewed at every batch), so one node does the purging until it stops (and gives
 * the lease back) or dies (and the lease ends after {@link #leaseTime}). Each batch is one store
 * transaction of at most {@link RetentionPolicy#batchSize()} rows.
 */
public final class RetentionRunner {

    private static final Logger log = LoggerFactory.getLogger(RetentionRunner.class);
    private static final List<DeliveryStatus> FINISHED = List.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.DEAD,
            DeliveryStatus.CANCELLED);

    private final RetentionPolicy policy;
    private final DeliveryStore store;
    private final String owner;
    private final Clock clock;
    private final Listeners listeners;
    private final Duration leaseTime;
    private final Object runLock = new Object();
    private @Nullable ScheduledExecutorService scheduler;
    private volatile boolean stopping;
    private volatile boolean unsupported;
    /** Whether a run of this process took the lease (since the last release). */
    private volatile boolean leaseTaken;
    /** Messages that matched no endpoint are swept from here on: where the last complete sweep ended. */
    private Instant unreferencedSweptUntil = DeliveryStore.RETENTION_EPOCH;

    RetentionRunner(RetentionPolicy policy, DeliveryStore store, String owner, Clock clock,
            List<DeliveryListener> listeners) {
        this.policy = policy;
        this.store = store;
        this.owner = owner;
        this.clock = clock;
        this.listeners = new Listeners(listeners);
        // Held between runs: a live holder renews it well before it ends; a dead one frees it after two intervals.
        this.leaseTime = policy.interval().multipliedBy(2).plus(Duration.ofMinutes(1));
    }

    /** Schedules the runs, if the policy is enabled; the first one after the interval or a minute, whichever is shorter. */
    synchronized void start() {
        if (!policy.enabled() || unsupported || scheduler != null) {
            return;
        }
        stopping = false;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cactus-webhooks-retention");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Duration first = policy.interval().compareTo(Duration.ofMinutes(1)) < 0 ? policy.interval() : Duration.ofMinutes(1);
        executor.scheduleWithFixedDelay(this::scheduledRun, first.toMillis(), policy.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler = executor;
        log.info("Webhook retention scheduled every {} (succeeded {}, dead {}, cancelled {}, payloads {}, batch {})",
                policy.interval(), policy.succeeded(), policy.dead(), policy.cancelled(), policy.payloads(),
                policy.batchSize());
    }

    /**
     * Stops the schedule: a run under way ends after its current batch (waiting up to
     * {@code timeout}); then the lease, if a run of this process took it, is given back so that
     * another node takes over at once.
     */
    void stop(Duration timeout) {
        ScheduledExecutorService executor;
        synchronized (this) {
            executor = scheduler;
            scheduler = null;
        }
        if (executor != null) {
            stopping = true;
            executor.shutdown();
            try {
                if (!executor.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                    log.warn("Webhook retention run did not end within {}; its lease will end by itself", timeout);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!leaseTaken) {
            return;
        }
        try {
            synchronized (runLock) { // not while a run by hand is under way
                store.releaseRetentionLease(owner);
                leaseTaken = false;
            }
        } catch (RuntimeException e) {
            log.warn("Could not give back the webhook retention lease; it ends by itself within {}", leaseTime, e);
        }
    }

    private void scheduledRun() {
        try {
            run(true);
        } catch (UnsupportedOperationException e) {
            unsupported = true;
            log.warn("Webhook retention is off: the store {} does not implement it ({})",
                    store.getClass().getName(), e.getMessage());
            ScheduledExecutorService executor = scheduler;
            if (executor != null) {
                executor.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("Webhook retention run failed; the next one is in {}", policy.interval(), e);
        }
    }

    /**
     * One run now, on the calling thread (runs of this process never overlap): takes the lease,
     * deletes what is past its window in batches, expunges payloads, sweeps messages that matched
     * no endpoint, deletes idempotency keys whose window ended, reads the oldest kept, and tells the listeners.
     *
     * @throws UnsupportedOperationException if the store does not implement retention
     */
    public RetentionReport runOnce() {
        return run(false);
    }

    private RetentionReport run(boolean scheduled) {
        synchronized (runLock) {
            Instant start = clock.instant();
            Map<DeliveryStatus, Long> deliveries = new EnumMap<>(DeliveryStatus.class);
            Map<DeliveryStatus, Long> attempts = new EnumMap<>(DeliveryStatus.class);
            long messages = 0;
            long payloads = 0;
            int batches = 0;
            long keys = 0;
            boolean ran = store.acquireRetentionLease(owner, start, start.plus(leaseTime));
            if (ran) {
                leaseTaken = true;
                int limit = policy.batchSize();
                for (DeliveryStatus status : FINISHED) {
                    Instant before = start.minus(policy.window(status));
                    PurgedRows rows;
                    do {
                        rows = store.purgeFinished(status, before, limit);
                        batches++;
                        deliveries.merge(status, (long) rows.deliveries(), Long::sum);
                        attempts.merge(status, (long) rows.attempts(), Long::sum);
                        messages += rows.messages();
                    } while (rows.deliveries() == limit && keepGoing(scheduled));
                }
                Instant payloadsBefore = start.minus(policy.payloads());
                int expunged;
                do {
                    expunged = store.expungePayloads(payloadsBefore, clock.instant(), limit);
                    batches++;
                    payloads += expunged;
                } while (expunged == limit && keepGoing(scheduled));
                Instant unreferencedBefore = start.minus(policy.succeeded());
                int swept;
                do {
                    swept = store.purgeUnreferencedMessages(unreferencedSweptUntil, unreferencedBefore, limit);
                    batches++;
                    messages += swept;
                } while (swept == limit && keepGoing(scheduled));
                if (swept < limit && unreferencedBefore.isAfter(unreferencedSweptUntil)) {
                    unreferencedSweptUntil = unreferencedBefore;
                }
                int expiredKeys;
                do {
                    expiredKeys = store.purgeExpiredIdempotencyKeys(start, limit);
                    batches++;
                    keys += expiredKeys;
                } while (expiredKeys == limit && keepGoing(scheduled));
            }
            Map<DeliveryStatus, Instant> oldest = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : FINISHED) {
                store.oldestFinished(status).ifPresent(t -> oldest.put(status, t));
            }
            RetentionReport report = new RetentionReport(ran, start, deliveries, attempts, messages, payloads, batches,
                    oldest, keys);
            log(report);
            listeners.retentionRun(report);
            return report;
        }
    }

    /** Between batches: not when stopping, and only while the lease is still this node's (renewed). */
    private boolean keepGoing(boolean scheduled) {
        if (scheduled && stopping) {
            return false;
        }
        Instant now = clock.instant();
        if (store.acquireRetentionLease(owner, now, now.plus(leaseTime))) {
            return true;
        }
        log.warn("Webhook retention lost its lease to another node mid-run; stopping this run");
        return false;
    }

    private static void log(RetentionReport r) {
        if (!r.ran()) {
            log.debug("Webhook retention skipped: another node holds the lease");
        } else if (r.deliveriesPurged() > 0 || r.messages() > 0 || r.payloads() > 0 || r.idempotencyKeys() > 0) {
            log.info("Webhook retention deleted {} deliveries {} with {} attempts and {} messages, expunged {}"
                    + " payloads, deleted {} expired idempotency keys, in {} batches", r.deliveriesPurged(),
                    r.deliveries(), r.attempts().values().stream().mapToLong(Long::longValue).sum(), r.messages(),
                    r.payloads(), r.idempotencyKeys(), r.batches());
        } else {
            log.debug("Webhook retention found nothing to delete ({} batches)", r.batches());
        }
    }
}
