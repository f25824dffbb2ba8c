package io.cactus.webhooks.internal;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.spi.ClaimedDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint's part of the dispatcher: the claimed deliveries waiting for a send slot (the local
 * buffer), the attempts under way, the slots its health allows, its rate-limit permits and its
 * observed drain rate. Guarded by its own monitor; the dispatcher never holds two lanes at once.
 *
 * <p>Recovery ({@link RecoveryPolicy}): the buffer is two queues, first attempts and retries; while
 * both wait, retries may hold only the slots not kept for first attempts. After a pause (the health
 * allowance went to 0 and came back above 1) or a {@code 429}/{@code 503}, the allowance ramps from
 * the policy's start, multiplied at each step of as many healthy responses in a row, and drops back
 * to the start on a failure; a {@code Retry-After} on a {@code 429}/{@code 503} holds the sends.
 */
final class EndpointLane {

    /** How far ahead claims run: the buffer holds about this many seconds of the observed drain. */
    static final double BUFFER_HORIZON_SECONDS = 0.25;
    private static final long RATE_SAMPLE_NANOS = 100_000_000L;

    /** A claim waiting in the buffer, and the latest time it may still be sent under its lease. */
    record Buffered(ClaimedDelivery claim, long sendByNanos) {
    }

    final String endpointId;
    private final RecoveryPolicy recovery;
    private final ArrayDeque<Buffered> fresh = new ArrayDeque<>();
    private final ArrayDeque<Buffered> retries = new ArrayDeque<>();
    private int inFlight;
    private int retriesInFlight;
    private int allowed;
    /** The ramp's allowance, {@code Integer.MAX_VALUE} when not ramping. */
    private int ramp = Integer.MAX_VALUE;
    private int rampSuccesses;
    private int sentBeforeRamp;
    /** The health allowance was 0 (paused, disabled): ramp when it opens again. */
    private boolean rampWhenOpen;
    /** Sends wait until then ({@code Retry-After} of a 429/503), on the dispatcher's clock; null: none. */
    private @Nullable Instant holdUntil;
    private final Clock clock;
    private int maxInFlightSeen;
    private boolean crowded;
    private long nextPermitNanos;
    private long spacingNanos;
    private double ratePerSecond;
    private int completions;
    private long sampleStartNanos;
    private boolean waitingForGlobalSlot;
    private boolean queuedForGlobalSlot;

    EndpointLane(String endpointId, long nowNanos) {
        this(endpointId, nowNanos, RecoveryPolicy.NONE, Clock.systemUTC());
    }

    EndpointLane(String endpointId, long nowNanos, RecoveryPolicy recovery, Clock clock) {
        this.endpointId = endpointId;
        this.recovery = recovery;
        this.clock = clock;
        this.sampleStartNanos = nowNanos;
        this.nextPermitNanos = nowNanos; // nanoTime has an arbitrary origin: never compare with 0
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int buffered() {
        return fresh.size() + retries.size();
    }

    /**
     * The health allowance (0 paused or disabled, 1 probing, else the cap). Closing it arms the
     * ramp; opening it above 1 afterwards starts the ramp.
     */
    synchronized void allowed(int value) {
        if (value == 0 && allowed != 0 && recovery.ramps()) {
            rampWhenOpen = true;
        } else if (value > 1 && rampWhenOpen) {
            rampWhenOpen = false;
            startRamp();
        }
        this.allowed = value;
    }

    private void startRamp() {
        ramp = recovery.ramps() ? recovery.rampStart() : Integer.MAX_VALUE;
        rampSuccesses = 0;
        sentBeforeRamp = inFlight; // their answers say nothing of the ramp's step
    }

    /** The slots this lane may use now: the health allowance, limited by the ramp. */
    private int effective() {
        return Math.min(allowed, ramp);
    }

    /** The ramp's allowance now, {@code Integer.MAX_VALUE} when not ramping (tests, logs). */
    synchronized int ramp() {
        return ramp;
    }

    /** The most attempts this lane had under way at once since the last call (then reset). */
    synchronized int takeMaxInFlight() {
        int m = maxInFlightSeen;
        maxInFlightSeen = inFlight;
        return m;
    }

    synchronized void add(Buffered b) {
        add(b, false);
    }

    /**
     * Buffers a claim: a first attempt with the first attempts, a retry with the retries; a claim
     * of the fresh-first pass goes ahead of every first attempt buffered (the store returns that
     * pass newest first, so the oldest of them ends up in front).
     */
    synchronized void add(Buffered b, boolean freshFirst) {
        if (b.claim().attempt() > 1) {
            retries.add(b);
        } else if (freshFirst) {
            fresh.addFirst(b);
        } else {
            fresh.add(b);
        }
    }

    /** Whether the store probably holds more due work of this endpoint than the lane could take. */
    synchronized boolean crowded() {
        return crowded || ramp != Integer.MAX_VALUE || !retries.isEmpty();
    }

    /**
     * After a claim that asked for this endpoint: one that {@code drained} the store (fewer than its
     * limit) leaves no backlog; a full one leaves one behind the endpoints it {@code served}.
     */
    synchronized void claimed(boolean drained, boolean served) {
        if (drained) {
            crowded = false;
        } else if (served) {
            crowded = true;
        }
    }

    /**
     * How many more deliveries to claim for this lane: enough to fill the free slots and keep the
     * buffer at its target (the drain of {@link #BUFFER_HORIZON_SECONDS}, at least 1, at most
     * {@code maxBuffer}); for a rate-limited endpoint no more than the permits of the next second.
     */
    synchronized int room(int maxBuffer, double rateLimitPerSecond) {
        int allowed = effective();
        if (allowed <= 0) {
            return 0;
        }
        int size = fresh.size() + retries.size();
        int target = (int) Math.min(maxBuffer, Math.max(1, Math.ceil(ratePerSecond * BUFFER_HORIZON_SECONDS)));
        int room = allowed - inFlight + target - size;
        if (rateLimitPerSecond > 0) {
            int permits = (int) Math.max(1, Math.ceil(rateLimitPerSecond));
            room = Math.min(room, permits - size);
        }
        return Math.max(0, room);
    }

    /** Whether the buffer has drained below half its target, so a claim should run soon. */
    synchronized boolean wantsRefill(int maxBuffer) {
        int target = (int) Math.min(maxBuffer, Math.max(1, Math.ceil(ratePerSecond * BUFFER_HORIZON_SECONDS)));
        return effective() > 0 && (fresh.size() + retries.size()) * 2 < target;
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
        dropExpired(fresh, nowNanos, expired);
        dropExpired(retries, nowNanos, expired);
        Instant hold = holdUntil;
        if (hold != null && clock.instant().isBefore(hold)) {
            return out;
        }
        holdUntil = null;
        int allowed = effective();
        int reserved = recovery.reservedForFirstAttempts(allowed);
        while (inFlight < allowed) {
            ArrayDeque<Buffered> from = next(allowed, reserved);
            if (from == null) {
                break;
            }
            Buffered head = from.peek();
            if (nowNanos - head.sendByNanos() > 0) {
                expired.add(from.poll().claim());
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
            out.add(from.poll().claim());
            inFlight++;
            if (from == retries) {
                retriesInFlight++;
            }
            maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
            if (spacingNanos > 0) {
                nextPermitNanos = Math.max(nextPermitNanos, nowNanos) + spacingNanos;
            }
        }
        return out;
    }

    /**
     * The queue to send from next, or null if none may send: first attempts while they are within
     * their kept share or no retry may go; retries while they stay out of the share kept for first
     * attempts (all slots when no first attempt waits).
     */
    private @Nullable ArrayDeque<Buffered> next(int allowed, int reserved) {
        boolean retryMay = !retries.isEmpty() && (fresh.isEmpty() || retriesInFlight < allowed - reserved);
        if (!fresh.isEmpty() && (inFlight - retriesInFlight < reserved || !retryMay)) {
            return fresh;
        }
        return retryMay ? retries : null;
    }

    private static void dropExpired(ArrayDeque<Buffered> queue, long nowNanos, List<ClaimedDelivery> expired) {
        while (!queue.isEmpty() && nowNanos - queue.peek().sendByNanos() > 0) {
            expired.add(queue.poll().claim());
        }
    }

    /** When the next rate-limit permit is due, if claims are waiting only for it; else {@code Long.MAX_VALUE}. */
    synchronized long nextPermitIfWaiting() {
        boolean waiting = !(fresh.isEmpty() && retries.isEmpty()) && !waitingForGlobalSlot;
        Instant hold = holdUntil;
        if (hold != null && waiting) {
            return System.nanoTime() + Math.max(0, Duration.between(clock.instant(), hold).toNanos());
        }
        return spacingNanos > 0 && waiting && inFlight < effective() ? nextPermitNanos : Long.MAX_VALUE;
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

    /**
     * An attempt's response was read (or it failed): its slot is free, and the outcome moves the
     * ramp: a healthy answer counts towards the next step, a {@code 429}/{@code 503} (re)starts the
     * ramp and holds sends for its {@code Retry-After}, another failure of the receiver drops a
     * ramp back to its start. Outcomes that say nothing of the receiver (endpoint disabled, payload
     * expunged, signing) leave the ramp alone.
     */
    synchronized void finished(boolean retry, AttemptOutcome outcome, long nowNanos, Instant now) {
        finished();
        if (retry) {
            retriesInFlight--;
        }
        if (!recovery.ramps()) {
            return;
        }
        if (rampWhenOpen && allowed == 1 && outcome.succeeded()) {
            rampWhenOpen = false; // this dispatcher's probe succeeded: the ramp starts now
            startRamp();
            return;
        }
        Integer status = outcome.statusCode();
        boolean throttled = status != null && (status == 429 || status == 503);
        if (sentBeforeRamp > 0 && !throttled) {
            sentBeforeRamp--;
            return;
        }
        if (sentBeforeRamp > 0) {
            sentBeforeRamp--;
        }
        if (outcome.succeeded()) {
            if (ramp != Integer.MAX_VALUE && ++rampSuccesses >= ramp) {
                long next = (long) ramp * recovery.rampFactor();
                ramp = next >= allowed ? Integer.MAX_VALUE : (int) next;
                rampSuccesses = 0;
            }
        } else if (throttled) {
            startRamp();
            Duration wait = RetryAfter.delay(outcome.retryAfter(), now);
            if (wait != null && !wait.isZero()) {
                Instant until = now.plus(wait.compareTo(RecoveryPolicy.MAX_HOLD) > 0 ? RecoveryPolicy.MAX_HOLD : wait);
                Instant hold = holdUntil;
                holdUntil = hold != null && hold.isAfter(until) ? hold : until;
            }
        } else if (ramp != Integer.MAX_VALUE && (status != null || !outcome.isPermanentFailure())) {
            startRamp();
        }
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
        List<ClaimedDelivery> out = new ArrayList<>(fresh.size() + retries.size());
        for (Buffered b : fresh) {
            out.add(b.claim());
        }
        for (Buffered b : retries) {
            out.add(b.claim());
        }
        fresh.clear();
        retries.clear();
        return out;
    }

    /** The dispatcher's slots for attempts under way, all endpoints together. */
    interface GlobalSlots {
        boolean tryAcquire();
    }
}
