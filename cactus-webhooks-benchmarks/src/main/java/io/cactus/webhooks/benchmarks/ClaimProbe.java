package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Times {@link DeliveryStore#claim} (the public SPI) with the request the dispatcher makes at its
 * defaults: {@code batchSize} 100, a 60-second lease, no endpoint excluded. Each claim is given
 * back at once ({@link DeliveryStore#release}, not timed), so the backlog stays as it was. Not
 * thread-safe: one probe per thread.
 */
final class ClaimProbe {

    static final int DISPATCHER_BATCH = 100;
    static final Duration DISPATCHER_LEASE = Duration.ofSeconds(60);

    private final DeliveryStore store;
    private final Clock clock;
    private final String owner;
    private long claimed;

    ClaimProbe(DeliveryStore store, Clock clock, String owner) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
    }

    /** One timed claim (then released): its duration in nanoseconds. */
    long once() {
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        List<ClaimedDelivery> claims = store.claim(new ClaimRequest(owner, DISPATCHER_BATCH, now,
                now.plus(DISPATCHER_LEASE), Set.of()));
        long nanos = System.nanoTime() - t0;
        if (claims.isEmpty()) {
            throw new IllegalStateException("a claim found nothing due: the probe needs a backlog");
        }
        claimed += claims.size();
        store.release(claims, clock.instant());
        return nanos;
    }

    /** {@code count} claims after {@code warmup} untimed ones. */
    long[] times(int warmup, int count) {
        for (int i = 0; i < warmup; i++) {
            once();
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            nanos[i] = once();
        }
        return nanos;
    }

    /** Claims one after another until {@code done} says stop (checked before each). */
    long[] until(BooleanSupplier done) {
        long[] nanos = new long[1024];
        int n = 0;
        while (!done.getAsBoolean()) {
            if (n == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = once();
        }
        return java.util.Arrays.copyOf(nanos, n);
    }

    /** Deliveries claimed (and released) so far: the probe really leased rows. */
    long claimed() {
        return claimed;
    }
}
