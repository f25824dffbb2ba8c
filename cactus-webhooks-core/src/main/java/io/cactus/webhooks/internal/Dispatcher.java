package io.cactus.webhooks.internal;

import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.delivery.RetryPolicy.AttemptOutcome;
import io.cactus.webhooks.delivery.RetryPolicy.Decision;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.WebhookTransport;
import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import io.cactus.webhooks.spi.WebhookTransport.TransportResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop. One thread claims due deliveries and starts their attempts (asynchronous
 * sends, so it never waits on a receiver); a second thread stores outcomes in batches, then tells
 * health tracking and listeners. Nothing sleeps per delivery: the claim thread waits on a
 * condition that a publish, a finished attempt or the poll interval ends.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.Dispatcher");
    private static final int RECORD_BATCH = 256;
    private static final Duration COALESCE = Duration.ofMillis(5);

    private record Finished(ClaimedDelivery claim, Endpoint endpoint, AttemptRecord record, Decision decision) {
    }

    private final DispatcherSettings settings;
    private final DeliveryStore store;
    private final EndpointRegistry registry;
    private final WebhookTransport transport;
    private final RetryPolicy retryPolicy;
    private final EndpointHealthTracker health;
    private final Clock clock;
    private final EndpointSigners signers = new EndpointSigners();
    private final OutcomeEffects effects;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    private final Map<String, ClaimedDelivery> inFlightClaims = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextPermitted = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Object> finished = new LinkedBlockingQueue<>();
    private static final Object STOP = new Object();

    private Thread claimThread;
    private Thread recordThread;

    public Dispatcher(DispatcherSettings settings, DeliveryStore store, EndpointRegistry registry,
            WebhookTransport transport, RetryPolicy retryPolicy, EndpointHealthTracker health,
            List<DeliveryListener> listeners, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.registry = registry;
        this.transport = transport;
        this.retryPolicy = retryPolicy;
        this.health = health;
        this.clock = clock;
        this.effects = new OutcomeEffects(store, registry, retryPolicy, health, new Listeners(listeners), clock);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        claimThread = new Thread(this::claimLoop, "cactus-webhooks-claim");
        recordThread = new Thread(this::recordLoop, "cactus-webhooks-record");
        claimThread.setDaemon(true);
        recordThread.setDaemon(true);
        recordThread.start();
        claimThread.start();
        log.info("Webhook dispatcher started (owner {}, concurrency {}, batch {}, lease {}, poll {})",
                settings.owner(), settings.concurrency(), settings.batchSize(), settings.lease(),
                settings.pollInterval());
    }

    public boolean isRunning() {
        return running;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Looks for work now instead of at the next poll. Cheap; call it after storing new work. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops claiming, lets attempts under way finish for up to {@code timeout}, then gives back
     * what is left (due again at once, for any dispatcher) and stops.
     */
    public void stop(Duration timeout) {
        Thread claimer;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            claimer = claimThread;
        }
        wake();
        join(claimer, timeout);
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (inFlight.get() > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        List<ClaimedDelivery> left = new ArrayList<>(inFlightClaims.values());
        if (!left.isEmpty()) {
            try {
                store.release(left, clock.instant());
                log.info("Webhook dispatcher stopping: released {} unfinished deliveries", left.size());
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher stopping: could not release {} deliveries; their leases will expire",
                        left.size(), e);
            }
        }
        finished.add(STOP);
        join(recordThread, Duration.ofSeconds(5));
        log.info("Webhook dispatcher stopped (owner {})", settings.owner());
    }

    private static void join(Thread t, Duration timeout) {
        try {
            t.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- claiming and sending -------------------------------------------------------------

    private void claimLoop() {
        while (running) {
            boolean full = false;
            try {
                full = claimOnce();
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher could not claim work; trying again in {}", settings.pollInterval(), e);
            }
            if (!full) {
                awaitWake(settings.pollInterval());
                awaitRoom();
            }
        }
    }

    /**
     * When nearly every slot is taken, finished attempts free them one by one, and claiming after
     * each would cost a store transaction per delivery. Waits (on the condition that attempts
     * signal) until a quarter of the slots is free, for at most {@link #COALESCE}.
     */
    private void awaitRoom() {
        int wanted = Math.max(1, Math.min(settings.batchSize(), settings.concurrency()) / 4);
        lock.lock();
        try {
            long nanos = COALESCE.toNanos();
            while (running && inFlight.get() > 0 && settings.concurrency() - inFlight.get() < wanted && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void awaitWake(Duration max) {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (!signalled && running && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** @return true if a full batch was claimed, so more work is probably due at once */
    private boolean claimOnce() {
        int freeGlobal = settings.concurrency() - inFlight.get();
        if (freeGlobal <= 0) {
            return false;
        }
        Instant now = clock.instant();
        Map<String, Integer> room = new LinkedHashMap<>();
        Set<String> excluded = new HashSet<>();
        int endpointRoom = 0;
        for (Endpoint e : registry.endpoints()) {
            if (!e.enabled()) {
                continue; // its leftovers are claimed and cancelled
            }
            int allowed = health.allowedInFlight(e.id(), e.maxInFlight(), now);
            int free = allowed - inFlightOf(e.id());
            Instant permitted = nextPermitted.get(e.id());
            if (permitted != null && permitted.isAfter(now)) {
                free = 0;
            }
            if (free <= 0) {
                excluded.add(e.id());
            } else {
                room.put(e.id(), free);
                endpointRoom += free;
            }
        }
        // +1 lets a leftover delivery of a disabled or removed endpoint through to be cancelled.
        int limit = Math.min(Math.min(settings.batchSize(), freeGlobal), endpointRoom + 1);
        List<ClaimedDelivery> claims = store.claim(new ClaimRequest(settings.owner(), limit, now,
                now.plus(settings.lease()), excluded));
        List<ClaimedDelivery> giveBack = new ArrayList<>();
        for (ClaimedDelivery claim : claims) {
            Endpoint endpoint = registry.find(claim.endpointId()).orElse(null);
            if (endpoint == null || !endpoint.enabled()) {
                cancel(claim, endpoint, now);
                continue;
            }
            Integer free = room.get(endpoint.id());
            if (free == null || free <= 0 || !takePermit(endpoint, now)) {
                giveBack.add(claim);
                continue;
            }
            room.put(endpoint.id(), free - 1);
            send(claim, endpoint);
        }
        if (!giveBack.isEmpty()) {
            store.release(giveBack, now);
        }
        return claims.size() == limit && giveBack.isEmpty() && claims.size() > 0;
    }

    private boolean takePermit(Endpoint endpoint, Instant now) {
        if (endpoint.rateLimitPerSecond() <= 0) {
            return true;
        }
        long spacingNanos = (long) (1_000_000_000L / endpoint.rateLimitPerSecond());
        Instant permitted = nextPermitted.getOrDefault(endpoint.id(), now);
        if (permitted.isAfter(now)) {
            return false;
        }
        nextPermitted.put(endpoint.id(), now.plusNanos(spacingNanos));
        return true;
    }

    private int inFlightOf(String endpointId) {
        AtomicInteger n = inFlightByEndpoint.get(endpointId);
        return n == null ? 0 : n.get();
    }

    private void cancel(ClaimedDelivery claim, Endpoint endpoint, Instant now) {
        String why = endpoint == null ? "endpoint removed" : "endpoint disabled";
        DeliveryAttempt attempt = new DeliveryAttempt(claim.deliveryId(), claim.attempt(), now, Duration.ZERO,
                null, why, null);
        inFlight.incrementAndGet();
        inFlightByEndpoint.computeIfAbsent(claim.endpointId(), k -> new AtomicInteger()).incrementAndGet();
        inFlightClaims.put(claim.deliveryId(), claim);
        finished.add(new Finished(claim, endpoint,
                new AttemptRecord(claim, attempt, DeliveryStatus.CANCELLED, null), null));
    }

    private void send(ClaimedDelivery claim, Endpoint endpoint) {
        inFlight.incrementAndGet();
        inFlightByEndpoint.computeIfAbsent(endpoint.id(), k -> new AtomicInteger()).incrementAndGet();
        inFlightClaims.put(claim.deliveryId(), claim);
        Instant startedAt = clock.instant();
        WebhookMessage message = claim.message();
        Map<String, String> headers;
        try {
            headers = new LinkedHashMap<>(signers.forEndpoint(endpoint).headers(endpoint.headerStyle(),
                    message.id(), startedAt.getEpochSecond(), message.unsafeBody()));
            if (endpoint.auth().headerName() != null) {
                headers.put(endpoint.auth().headerName(), endpoint.auth().headerValue());
            }
            endpoint.headers().forEach(headers::putIfAbsent);
        } catch (RuntimeException e) {
            complete(claim, endpoint, startedAt, new TransportResponse(0, null, null,
                    "could not sign: " + e.getClass().getSimpleName(), Duration.ZERO));
            return;
        }
        TransportRequest request = new TransportRequest(endpoint.url(), headers, message.unsafeBody(),
                settings.attemptTimeout());
        try {
            transport.send(request).whenComplete((response, error) -> complete(claim, endpoint, startedAt,
                    response != null ? response : new TransportResponse(0, null, null,
                            "transport failed: " + (error == null ? "no response" : error.getClass().getSimpleName()),
                            Duration.between(startedAt, clock.instant()))));
        } catch (RuntimeException e) {
            complete(claim, endpoint, startedAt, new TransportResponse(0, null, null,
                    "transport failed: " + e.getClass().getSimpleName(), Duration.ZERO));
        }
    }

    private void complete(ClaimedDelivery claim, Endpoint endpoint, Instant startedAt, TransportResponse response) {
        Instant now = clock.instant();
        AttemptOutcome outcome = new AttemptOutcome(response.statusCode(), response.retryAfter());
        Decision decision = retryPolicy.decide(claim.attempt(), outcome, now);
        String error = response.error() != null ? response.error()
                : outcome.succeeded() ? null : "HTTP " + response.statusCode();
        DeliveryAttempt attempt = new DeliveryAttempt(claim.deliveryId(), claim.attempt(), startedAt,
                response.duration(), response.statusCode() == 0 ? null : response.statusCode(), error,
                excerpt(response.bodyExcerpt()));
        DeliveryStatus status = switch (decision.kind()) {
            case SUCCEEDED -> DeliveryStatus.SUCCEEDED;
            case RETRY -> DeliveryStatus.RETRYING;
            case DEAD -> DeliveryStatus.DEAD;
            case ENDPOINT_GONE -> DeliveryStatus.CANCELLED;
        };
        finished.add(new Finished(claim, endpoint, new AttemptRecord(claim, attempt, status,
                decision.nextAttemptAt()), decision));
    }

    private static String excerpt(String body) {
        if (body == null || body.length() <= DeliveryAttempt.MAX_EXCERPT) {
            return body;
        }
        return body.substring(0, DeliveryAttempt.MAX_EXCERPT);
    }

    /** Disables an endpoint and cancels its pending deliveries. */
    public void disable(String endpointId, String reason, Instant now) {
        effects.disable(endpointId, reason, now);
    }

    // ---- recording --------------------------------------------------------------------------

    private void recordLoop() {
        List<Object> batch = new ArrayList<>(RECORD_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(finished.take());
                finished.drainTo(batch, RECORD_BATCH - 1);
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
                recordAll(items);
            }
        }
    }

    private void recordAll(List<Finished> items) {
        List<AttemptRecord> records = new ArrayList<>(items.size());
        for (Finished f : items) {
            records.add(f.record());
        }
        try {
            store.record(records);
        } catch (RuntimeException e) {
            log.error("Webhook dispatcher could not store {} attempt outcomes; those deliveries will be "
                    + "attempted again when their leases expire", items.size(), e);
        }
        for (Finished f : items) {
            try {
                if (f.decision() != null) { // null: cancelled without an attempt (endpoint disabled or removed)
                    effects.apply(f.claim(), f.endpoint(), f.record(), f.decision());
                }
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher: error after recording {}", f.claim().deliveryId(), e);
            }
            ClaimedDelivery claim = f.claim();
            inFlightClaims.remove(claim.deliveryId());
            AtomicInteger n = inFlightByEndpoint.get(claim.endpointId());
            if (n != null) {
                n.decrementAndGet();
            }
            inFlight.decrementAndGet();
        }
        lock.lock();
        try {
            signalled = true;
            wake.signal();
            if (inFlight.get() == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

}
