package io.cactus.webhooks.internal;

import io.cactus.webhooks.spi.ClaimedDelivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint's part of the dispatcher: the claimed deliveries waiting for a send slot (the local
 * buffer), the attempts under way, the slots its health allows, its rate-limit permits and its
 * observed drain rate. Guarded by its own monitor; the dispatcher never holds two lanes at once.
 */
final class EndpointLane {

    /** How far ahead claims run: the buffer holds about this many seconds of the observed drain. */
    static final double BUFFER_HORIZON_SECONDS = 0.25;
    private static final long RATE_SAMPLE_NANOS = 100_000_000L;

    /** A claim waiting in the buffer, and the latest time it may still be sent under its lease. */
    record Buffered(ClaimedDelivery claim, long sendByNanos) {
    }

    final String endpointId;
    private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
    private int inFlight;
    private int allowed;
    private long nextPermitNanos;
    private long spacingNanos;
    private double ratePerSecond;
    private int completions;
    private long sampleStartNanos;
    private boolean waitingForGlobalSlot;
    private boolean queuedForGlobalSlot;

    EndpointLane(String endpointId, long nowNanos) {
        this.endpointId = endpointId;
        this.sampleStartNanos = nowNanos;
        this.nextPermitNanos = nowNanos; // nanoTime has an arbitrary origin: never compare with 0
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int buffered() {
        return buffer.size();
    }

    synchronized void allowed(int value) {
        this.allowed = value;
    }

    synchronized void add(Buffered b) {
        buffer.add(b);
    }

    /**
     * How many more deliveries to claim for this lane: enough to fill the free slots and keep the
     * buffer at its target (the drain of {@link #BUFFER_HORIZON_SECONDS}, at least 1, at most
     * {@code maxBuffer}); for a rate-limited endpoint no more than the permits of the next second.
     */
    synchronized int room(int maxBuffer, double rateLimitPerSecond) {
        if (allowed <= 0) {
            return 0;
        }
        int target = (int) Math.min(maxBuffer, Math.max(1, Math.ceil(ratePerSecond * BUFFER_HORIZON_SECONDS)));
        int room = allowed - inFlight + target - buffer.size();
        if (rateLimitPerSecond > 0) {
            int permits = (int) Math.max(1, Math.ceil(rateLimitPerSecond));
            room = Math.min(room, permits - buffer.size());
        }
        return Math.max(0, room);
    }

    /** Whether the buffer has drained below half its target, so a claim should run soon. */
    synchronized boolean wantsRefill(int maxBuffer) {
        int target = (int) Math.min(maxBuffer, Math.max(1, Math.ceil(ratePerSecond * BUFFER_HORIZON_SECONDS)));
        return allowed > 0 && buffer.size() * 2 < target;
    }

    /**
     * Takes the claims that may be sent now: while a slot of this lane is free, a permit is due and
     * {@code globalSlot} grants a slot of the dispatcher. Claims whose lease would not cover an
     * attempt any more go to {@code expired} instead.
     *
     * @return the claims to send; this lane's in-flight count already includes them
     */
    synchronized List<ClaimedDelivery> take(long nowNanos, long spacingNanos, GlobalSlots globalSlot,
            List<ClaimedDelivery> expired) {
        this.spacingNanos = spacingNanos;
        List<ClaimedDelivery> out = List.of();
        while (!buffer.isEmpty() && inFlight < allowed) {
            Buffered head = buffer.peek();
            if (nowNanos - head.sendByNanos() > 0) {
                expired.add(buffer.poll().claim());
                continue;
            }
            if (spacingNanos > 0 && nowNanos - nextPermitNanos < 0) {
                break;
            }
            if (!globalSlot.tryAcquire()) {
                waitingForGlobalSlot = true;
                break;
            }
            if (out.isEmpty()) {
                out = new ArrayList<>(4);
            }
            out.add(buffer.poll().claim());
            inFlight++;
            if (spacingNanos > 0) {
                nextPermitNanos = Math.max(nextPermitNanos, nowNanos) + spacingNanos;
            }
        }
        return out;
    }

    /** When the next rate-limit permit is due, if claims are waiting only for it; else {@code Long.MAX_VALUE}. */
    synchronized long nextPermitIfWaiting() {
        return spacingNanos > 0 && !buffer.isEmpty() && inFlight < allowed && !waitingForGlobalSlot
                ? nextPermitNanos : Long.MAX_VALUE;
    }

    /** True once after {@link #take} found no dispatcher slot: the caller queues this lane for the next free one. */
    synchronized boolean needsQueueing() {
        if (waitingForGlobalSlot && !queuedForGlobalSlot) {
            queuedForGlobalSlot = true;
            return true;
        }
        return false;
    }

    /** The lane was taken from the queue of lanes waiting for a dispatcher slot. */
    synchronized void dequeued() {
        waitingForGlobalSlot = false;
        queuedForGlobalSlot = false;
    }

    /** An attempt's response was read (or it failed): its slot is free. */
    synchronized void finished() {
        inFlight--;
        completions++;
    }

    /** Updates the drain-rate estimate; called on each claim round. */
    synchronized void sampleRate(long nowNanos) {
        long elapsed = nowNanos - sampleStartNanos;
        if (elapsed < RATE_SAMPLE_NANOS) {
            return;
        }
        double instant = completions * 1e9 / elapsed;
        ratePerSecond = ratePerSecond == 0 ? instant : 0.7 * ratePerSecond + 0.3 * instant;
        completions = 0;
        sampleStartNanos = nowNanos;
    }

    /** Empties the buffer (the endpoint paused, or the dispatcher stops); the claims go back to the store. */
    synchronized List<ClaimedDelivery> drain() {
        List<ClaimedDelivery> out = new ArrayList<>(buffer.size());
        for (Buffered b : buffer) {
            out.add(b.claim());
        }
        buffer.clear();
        return out;
    }

    /** The dispatcher's slots for attempts under way, all endpoints together. */
    interface GlobalSlots {
        boolean tryAcquire();
    }
}
