package io.cactus.webhooks.internal;

import io.cactus.webhooks.delivery.RetryPolicy.Decision;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.internal.EndpointHealthTracker.Transition;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's third stage: one thread stores finished attempts in batches, off the send path,
 * then hands the outcomes the store applied (the lease was still ours) to {@link OutcomeEffects}.
 * An outcome whose write failed or whose lease was lost is reported to nobody; its delivery comes
 * back when the lease ends.
 */
final class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.Dispatcher");
    private static final int MAX_BATCH = 512;
    private static final Object STOP = new Object();

    /** An attempt that ended, waiting to be stored. {@code endpoint} is null when it was removed. */
    record Finished(ClaimedDelivery claim, @Nullable Endpoint endpoint, AttemptRecord record, Decision decision) {
    }

    /** What the dispatcher hears back, on the recorder's thread. */
    interface Hooks {
        /** A stored outcome paused its endpoint. */
        void paused(String endpointId);

        /** A stored outcome ended an ordered delivery's turn: the next one of its key may be claimed. */
        void keysFreed();

        /** A batch of {@code count} outcomes was handled (stored or not). */
        void handled(int count);
    }

    private final DeliveryStore store;
    private final OutcomeEffects effects;
    private final Hooks hooks;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private @Nullable Thread thread;

    OutcomeRecorder(DeliveryStore store, OutcomeEffects effects, Hooks hooks) {
        this.store = store;
        this.effects = effects;
        this.hooks = hooks;
    }

    void start() {
        thread = new Thread(this::loop, "cactus-webhooks-record");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Finished finished) {
        queue.add(finished);
    }

    /** Stores what was added before this call, then stops; waits for that up to {@code timeout}. */
    void stop(Duration timeout) {
        queue.add(STOP);
        Thread t = thread;
        if (t == null) { // never started: nothing to wait for
            return;
        }
        try {
            t.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Finished> items = new ArrayList<>(batch.size());
            for (Object o : batch) {
                if (o == STOP) {
                    stop = true;
                } else {
                    items.add((Finished) o);
                }
            }
            batch.clear();
            if (!items.isEmpty()) {
                record(items);
            }
        }
    }

    private void record(List<Finished> items) {
        List<AttemptRecord> records = new ArrayList<>(items.size());
        for (Finished f : items) {
            records.add(f.record());
        }
        Set<AttemptRecord> applied = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            applied.addAll(store.record(records));
        } catch (RuntimeException e) {
            log.error("Webhook dispatcher could not store {} attempt outcomes; those deliveries will be "
                    + "attempted again when their leases expire", items.size(), e);
        }
        boolean keysFreed = false;
        for (Finished f : items) {
            if (applied.contains(f.record()) && OrderedOutcomes.freesKey(f.record())) {
                keysFreed = true;
            }
        }
        if (keysFreed) {
            hooks.keysFreed();
        }
        for (Finished f : items) {
            if (!applied.contains(f.record())) {
                log.debug("Webhook outcome of delivery {} not stored: its lease was lost", f.claim().deliveryId());
                continue;
            }
            try {
                if (effects.apply(f.claim(), f.endpoint(), f.record(), f.decision()) == Transition.PAUSED) {
                    hooks.paused(f.claim().endpointId());
                }
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher: error after recording {}", f.claim().deliveryId(), e);
            }
        }
        hooks.handled(items.size());
    }
}
