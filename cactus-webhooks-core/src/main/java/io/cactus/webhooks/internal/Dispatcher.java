package io.cactus.webhooks.internal;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.delivery.RetryPolicy.Decision;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.AttemptObservation;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.WebhookTransport;
import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery pipeline. Three stages that never wait on each other's database round trips:
 * <ol>
 *   <li>the claim thread leases due deliveries ahead of sending, into a bounded buffer per
 *       endpoint ({@link EndpointLane}) sized to the observed drain rate, with one claim query per
 *       round for all endpoints;</li>
 *   <li>sending: whenever a send slot frees up (a response was read) the next buffered claim of
 *       that endpoint is sent at once, on the thread that read the response; sends are
 *       asynchronous, so no thread waits on a receiver;</li>
 *   <li>the {@link OutcomeRecorder} stores outcomes in batches, then tells health tracking and
 *       listeners about those the store applied.</li>
 * </ol>
 * Nothing sleeps per delivery: the claim thread waits on a condition that a publish, a draining
 * buffer, a rate-limit permit or the poll interval ends.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.Dispatcher");
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** Most endpoints one claim by endpoint names (see {@link #quotas}). */
    static final int MAX_ENDPOINTS_PER_CLAIM = 64;


    private final DispatcherSettings settings;
    private final DeliveryStore store;
    private final EndpointRegistry registry;
    private final WebhookTransport transport;
    private final RetryPolicy retryPolicy;
    private final EndpointHealthTracker health;
    private final Clock clock;
    private final EndpointSigners signers = new EndpointSigners();
    private final OutcomeEffects effects;
    private final Observer observer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private boolean freshWork;
    private boolean refill;
    private volatile boolean running;
    /** Whether the store probably has more due (the last claim filled its limit, or none ran). */
    private volatile boolean lastClaimFull;
    /** Where the next claim by endpoint starts among the endpoints without a backlog (the claim loop's thread only). */
    private int quotaTurn;
    /** Fair across tenants: where each group's turn and the groups' turn start (the claim loop's thread only). */
    private final TenantTurns tenantTurns = new TenantTurns(MAX_ENDPOINTS_PER_CLAIM);
    /**
     * Whether a claim by buffer share may run (see {@link DispatcherBufferShare}): after fresh work
     * or a poll interval, not on every refill, so a full buffer costs no query per freed slot (the
     * claim loop's thread only).
     */
    private boolean shareClaimDue = true;
    /** The group of the application's own endpoints (no tenant) in the buffer's share. */
    private static final Object OWN_GROUP = new Object();

    private final Map<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    /** Lanes that found no free send slot, in turns by tenant. */
    private final DispatcherWaitingLanes waitingForSlot = new DispatcherWaitingLanes();
    private final ConcurrentLinkedQueue<ClaimedDelivery> giveBack = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sending = new AtomicInteger();
    private final AtomicInteger unrecorded = new AtomicInteger();
    private final AtomicInteger buffered = new AtomicInteger();
    private final Map<String, ClaimedDelivery> underWay = new ConcurrentHashMap<>();
    private final EndpointLane.GlobalSlots globalSlots = this::tryAcquireSlot;

    private @Nullable Thread claimThread;
    private final OutcomeRecorder recorder;

    public Dispatcher(DispatcherSettings settings, DeliveryStore store, EndpointRegistry registry,
            WebhookTransport transport, RetryPolicy retryPolicy, EndpointHealthTracker health,
            List<DeliveryListener> listeners, Observer observer, Clock clock) {
        this(settings, store, registry, transport, retryPolicy, health, listeners, observer, clock, null);
    }

    /** As above, with the operational events this dispatcher's outcomes raise (null: none). */
    public Dispatcher(DispatcherSettings settings, DeliveryStore store, EndpointRegistry registry,
            WebhookTransport transport, RetryPolicy retryPolicy, EndpointHealthTracker health,
            List<DeliveryListener> listeners, Observer observer, Clock clock,
            @Nullable OperationalEventEmitter operational) {
        this.settings = settings;
        this.observer = observer;
        this.store = store;
        this.registry = registry;
        this.transport = transport;
        this.retryPolicy = retryPolicy;
        this.health = health;
        this.clock = clock;
        this.effects = new OutcomeEffects(store, registry, retryPolicy, health, new Listeners(listeners), clock,
                operational != null ? operational
                        : new OperationalEventEmitter(io.cactus.webhooks.operational.OperationalEvents.off(), registry,
                                new Listeners(List.of())));
        this.recorder = new OutcomeRecorder(store, effects, new RecorderHooks());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        claimThread = new Thread(this::claimLoop, "cactus-webhooks-claim");
        claimThread.setDaemon(true);
        recorder.start();
        claimThread.start();
        log.info("Webhook dispatcher started (owner {}, concurrency {}, batch {}, lease {}, poll {})",
                settings.owner(), settings.concurrency(), settings.batchSize(), settings.lease(),
                settings.pollInterval());
    }

    public boolean isRunning() {
        return running;
    }

    /** Attempts started in this process whose outcome is not stored yet. */
    public int inFlight() {
        return unrecorded.get();
    }

    /** Looks for work now instead of at the next poll. Cheap; call it after storing new work. */
    public void wake() {
        lock.lock();
        try {
            freshWork = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void signalRefill() {
        lock.lock();
        try {
            refill = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops claiming, gives back buffered claims at once, lets attempts under way finish and their
     * outcomes be stored for up to {@code timeout}, then gives back what is left (due again at once,
     * for any dispatcher) and stops.
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
        long deadline = System.nanoTime() + timeout.toNanos();
        wake();
        if (claimer != null) { // set by start() whenever running was
            join(claimer, timeout);
        }
        List<ClaimedDelivery> unsent = new ArrayList<>();
        for (EndpointLane lane : lanes.values()) {
            unsent.addAll(lane.drain());
        }
        buffered.set(0);
        drainGiveBack(unsent);
        release(unsent, "stopping: gave back");
        awaitQuiet(deadline);
        List<ClaimedDelivery> left = new ArrayList<>(underWay.values());
        release(left, "stopping: gave back unfinished");
        recorder.stop(Duration.ofSeconds(5));
        log.info("Webhook dispatcher stopped (owner {})", settings.owner());
    }

    private void awaitQuiet(long deadline) {
        lock.lock();
        try {
            long nanos = deadline - System.nanoTime();
            while (unrecorded.get() > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void release(List<ClaimedDelivery> claims, String what) {
        if (claims.isEmpty()) {
            return;
        }
        try {
            store.release(claims, clock.instant());
            log.info("Webhook dispatcher {} {} deliveries", what, claims.size());
        } catch (RuntimeException e) {
            log.warn("Webhook dispatcher could not give back {} deliveries; their leases will expire",
                    claims.size(), e);
        }
    }

    private static void join(Thread t, Duration timeout) {
        try {
            t.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Disables an endpoint and cancels its pending deliveries. */
    public void disable(String endpointId, String reason, Instant now) {
        effects.disable(endpointId, reason, now);
    }

    // ---- claiming -----------------------------------------------------------------------------

    private void claimLoop() {
        while (running) {
            boolean more = false;
            try {
                more = claimOnce();
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher could not claim work; trying again in {}", settings.pollInterval(), e);
            }
            if (!more) {
                awaitSignal();
            }
        }
    }

    /**
     * Waits for a reason to claim: fresh work, the poll interval, a due rate-limit permit, or (when
     * the store still had more due) a buffer that drained below half its target.
     */
    private void awaitSignal() {
        long nowNanos = System.nanoTime();
        long waitNanos = settings.pollInterval().toNanos();
        for (EndpointLane lane : lanes.values()) {
            long permit = lane.nextPermitIfWaiting();
            if (permit != Long.MAX_VALUE) {
                waitNanos = Math.min(waitNanos, Math.max(0, permit - nowNanos));
            }
        }
        lock.lock();
        try {
            long nanos = waitNanos;
            while (running && !freshWork && !(refill && lastClaimFull) && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            if (freshWork || nanos <= 0) {
                shareClaimDue = true;
            }
            freshWork = false;
            refill = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** One round: refresh health, size each lane's room, claim once for all, buffer and send. */
    private boolean claimOnce() {
        Instant now = clock.instant();
        long nowNanos = System.nanoTime();
        health.refreshIfStale();
        List<ClaimedDelivery> back = new ArrayList<>();
        drainGiveBack(back);
        Map<String, Endpoint> byId = new HashMap<>();
        Set<String> excluded = new HashSet<>();
        Set<String> freshFirst = new HashSet<>();
        int freshWanted = 0;
        int wanted = 0;
        Map<String, Integer> room = new LinkedHashMap<>();
        Set<String> crowded = new HashSet<>();
        // The tenants of the endpoints with room; sharing by tenant only when there is more than one group.
        Map<String, TenantId> tenantOf = new HashMap<>();
        Set<TenantId> tenantsWithRoom = new HashSet<>();
        Set<TenantId> freshTenants = new HashSet<>();
        boolean ownWithRoom = false;
        boolean ownFresh = false;
        int maxBuffer = settings.batchSize();
        Map<Object, DispatcherBufferShare.Tally> tallies = new HashMap<>();
        Set<TenantId> allTenants = new HashSet<>();
        for (Endpoint e : registry.endpoints()) {
            byId.put(e.id(), e);
            if (e.tenant() != null) {
                allTenants.add(e.tenant());
            }
            if (!e.enabled()) {
                cancelBuffered(e.id(), e); // and its leftovers in the store are claimed and cancelled
                continue;
            }
            EndpointLane lane = lane(e.id(), nowNanos);
            DispatcherBufferShare.Tally tally = tallies.computeIfAbsent(group(e.tenant()),
                    g -> new DispatcherBufferShare.Tally());
            lane.sampleRate(nowNanos);
            int allowed = health.allowedInFlight(e.id(), e.maxInFlight(), now);
            lane.allowed(allowed);
            if (allowed == 0) {
                List<ClaimedDelivery> parked = lane.drain();
                buffered.addAndGet(-parked.size());
                back.addAll(parked); // paused: give its buffer back rather than hold it
            }
            int free = lane.room(maxBuffer, e.rateLimitPerSecond());
            tally.buffered += lane.buffered();
            tally.wanted += Math.max(0, free);
            if (lane.crowded()) {
                crowded.add(e.id());
            }
            if (free <= 0) {
                excluded.add(e.id());
            } else {
                room.put(e.id(), free);
                wanted += free;
                TenantId tenant = e.tenant();
                if (tenant != null) {
                    tenantOf.put(e.id(), tenant);
                    tenantsWithRoom.add(tenant);
                } else {
                    ownWithRoom = true;
                }
                if (lane.crowded() && settings.recovery().firstAttemptShare() > 0) {
                    if (tenant != null) {
                        freshTenants.add(tenant);
                    } else {
                        ownFresh = true;
                    }
                    // A backlog: the first-attempt share of its room goes to its newest first
                    // attempts, the rest to the oldest due, so the backlog drains in order meanwhile.
                    freshFirst.add(e.id());
                    freshWanted += Math.max(1, settings.recovery().reservedForFirstAttempts(free));
                }
            }
            pump(lane, e);
        }
        for (String id : lanes.keySet()) {
            if (!byId.containsKey(id)) {
                cancelBuffered(id, null); // the endpoint was removed
            }
        }
        waitingForSlot.retainTenants(allTenants);
        release(back, "gave back");
        // Slots free plus buffer room, all endpoints together.
        int globalRoom = settings.concurrency() - sending.get() + maxBuffer - buffered.get();
        int limit = Math.min(Math.min(maxBuffer, wanted), globalRoom);
        boolean byShare = false;
        if (limit <= 0) {
            lastClaimFull = true; // not asked: a draining buffer is worth a claim
            // The buffer is full: with several tenants, those holding less than their share may claim up to it.
            Map<Object, Integer> under = shareClaimDue ? DispatcherBufferShare.underShare(tallies, maxBuffer) : Map.of();
            if (under.isEmpty()) {
                return false;
            }
            shareClaimDue = false;
            byShare = true;
            limit = 0;
            for (int r : under.values()) {
                limit += r;
            }
            limit = Math.min(limit, maxBuffer);
            for (Iterator<String> it = room.keySet().iterator(); it.hasNext(); ) {
                String id = it.next();
                if (!under.containsKey(group(tenantOf.get(id)))) {
                    it.remove();
                    excluded.add(id);
                    crowded.remove(id);
                    freshFirst.remove(id);
                }
            }
            tenantsWithRoom.retainAll(under.keySet());
            freshTenants.retainAll(under.keySet());
            ownWithRoom &= under.containsKey(OWN_GROUP);
            ownFresh &= under.containsKey(OWN_GROUP);
            wanted = 0;
            freshWanted = 0;
            for (Map.Entry<String, Integer> r : room.entrySet()) {
                wanted += r.getValue();
                if (freshFirst.contains(r.getKey())) {
                    freshWanted += Math.max(1, settings.recovery().reservedForFirstAttempts(r.getValue()));
                }
            }
        }
        long sendBy = nowNanos + settings.lease().minus(settings.attemptTimeout()).minus(LEASE_MARGIN).toNanos();
        int freshLimit = Math.min(limit, freshWanted);
        int groups = tenantsWithRoom.size() + (ownWithRoom ? 1 : 0);
        boolean byTenant = groups > 1 && !crowded.isEmpty();
        if (byTenant) {
            // The fresh-first pass of the crowded endpoints' tenants takes at most those tenants'
            // shares, rounded down: a claim of 1 beside another tenant is not all theirs (the claim
            // by endpoint that follows takes the groups in turn, and gives the other tenants theirs).
            int freshGroups = freshTenants.size() + (ownFresh ? 1 : 0);
            freshLimit = Math.min(freshLimit, limit * freshGroups / groups);
        }
        // While an endpoint has a backlog, claim by endpoint: its old due times would otherwise
        // fill every claim, and the other endpoints would wait for the rounds it is left out of.
        // With several tenants, the endpoints named and the claim's limit are shared by tenant first.
        Map<String, Integer> quotas = crowded.isEmpty() ? Map.of()
                : byTenant ? tenantTurns.quotas(room, crowded, tenantOf, namedForLimit(limit, groups))
                : quotas(room, crowded);
        Map<String, TenantId> tenants = byTenant ? named(tenantOf, quotas.keySet(), freshFirst) : Map.of();
        List<ClaimedDelivery> claims = store.claim(new ClaimRequest(settings.owner(), limit, now,
                now.plus(settings.lease()), excluded, freshFirst, freshLimit, quotas, tenants));
        Map<String, Integer> claimedOf = new HashMap<>();
        Set<EndpointLane> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        // The store returns the fresh-first pass first: those go ahead of what the lane holds.
        int freshLeft = freshLimit;
        for (ClaimedDelivery claim : claims) {
            Endpoint endpoint = byId.get(claim.endpointId());
            if (endpoint == null || !endpoint.enabled()) {
                cancel(claim, endpoint);
                continue;
            }
            // More than the lane's room can come back when the oldest due work is all one endpoint's;
            // it waits in that lane (within its lease) rather than going back to the store.
            EndpointLane lane = lane(endpoint.id(), nowNanos);
            claimedOf.merge(endpoint.id(), 1, Integer::sum);
            boolean fresh = freshLeft > 0 && claim.attempt() == 1 && freshFirst.contains(claim.endpointId());
            freshLeft = fresh ? freshLeft - 1 : 0;
            lane.add(new EndpointLane.Buffered(claim, sendBy), fresh);
            buffered.incrementAndGet();
            touched.add(lane);
        }
        boolean drained = claims.size() < limit;
        for (Endpoint e : byId.values()) {
            EndpointLane lane = lanes.get(e.id());
            if (lane != null && !excluded.contains(e.id())) {
                Integer quota = quotas.get(e.id());
                if (quotas.isEmpty()) {
                    // A full claim leaves more due: the endpoints it served have a backlog. One that
                    // was not full took all that was due of the endpoints it asked for.
                    lane.claimed(drained, touched.contains(lane));
                } else if (quota != null) {
                    // By endpoint: an endpoint that filled its quota left more due; one that did
                    // not, in a claim the limit did not cut, took all that was due of it.
                    int got = claimedOf.getOrDefault(e.id(), 0);
                    if (got >= quota) {
                        lane.claimed(false, true);
                    } else if (drained) {
                        lane.claimed(true, got > 0);
                    }
                }
            }
        }
        for (EndpointLane lane : touched) {
            pump(lane, byId.get(lane.endpointId));
        }
        if (byShare) {
            return false; // the buffer is still full: claim again when it drains (lastClaimFull stays set)
        }
        boolean full = claims.size() == limit;
        lastClaimFull = full;
        return full && wanted > limit;
    }

    /** The group of an endpoint in the buffer's share: its tenant, or the application's own. */
    private static Object group(@Nullable TenantId tenant) {
        return tenant != null ? tenant : OWN_GROUP;
    }

    /**
     * The quotas of a claim by endpoint: each endpoint with room gets its room; the crowded ones
     * first, then the others from where the last claim left off, at most
     * {@link #MAX_ENDPOINTS_PER_CLAIM} in all (the others' turn comes in the next claims).
     */
    private Map<String, Integer> quotas(Map<String, Integer> room, Set<String> crowded) {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, Integer> e : room.entrySet()) {
            if (crowded.contains(e.getKey())) {
                if (quotas.size() < MAX_ENDPOINTS_PER_CLAIM) {
                    quotas.put(e.getKey(), e.getValue());
                }
            } else {
                others.add(e.getKey());
            }
        }
        int n = Math.min(others.size(), MAX_ENDPOINTS_PER_CLAIM - quotas.size());
        int start = others.isEmpty() ? 0 : Math.floorMod(quotaTurn, others.size());
        for (int i = 0; i < n; i++) {
            String id = others.get((start + i) % others.size());
            quotas.put(id, room.get(id));
        }
        quotaTurn = start + n;
        return quotas;
    }

    /**
     * How many endpoints a claim shared by tenant names: twice its limit (some named endpoints may
     * have less due than their quota), at least one per group. The store reads each named
     * endpoint's candidates, so a small claim beside a tenant's many backlogged endpoints stays
     * short, and a fresh delivery of another tenant waits less for the claim thread.
     */
    static int namedForLimit(int limit, int groups) {
        return Math.max(groups, 2 * limit);
    }

    /** The tenants of the endpoints a claim names. */
    private static Map<String, TenantId> named(Map<String, TenantId> tenantOf, Set<String> quotas, Set<String> fresh) {
        Map<String, TenantId> out = new HashMap<>();
        for (Set<String> ids : List.of(quotas, fresh)) {
            for (String id : ids) {
                TenantId t = tenantOf.get(id);
                if (t != null) {
                    out.put(id, t);
                }
            }
        }
        return out;
    }

    private EndpointLane lane(String endpointId, long nowNanos) {
        return lanes.computeIfAbsent(endpointId, id -> new EndpointLane(id, nowNanos, settings.recovery(), clock));
    }

    private void drainGiveBack(List<ClaimedDelivery> into) {
        for (ClaimedDelivery c; (c = giveBack.poll()) != null; ) {
            into.add(c);
        }
    }

    /**
     * A send slot: at most {@code concurrency} attempts under way, and at most {@code batchSize}
     * outcomes waiting to be stored. The second bound keeps what a crash can send twice (sent, not
     * yet recorded) at {@code concurrency + batchSize}, as when slots were freed only on record.
     */
    private boolean tryAcquireSlot() {
        while (true) {
            int n = sending.get();
            if (n >= settings.concurrency() || unrecorded.get() - n >= settings.batchSize()) {
                return false;
            }
            if (sending.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private static long spacingNanos(@Nullable Endpoint e) {
        return e == null || e.rateLimitPerSecond() <= 0 ? 0 : (long) (1_000_000_000L / e.rateLimitPerSecond());
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Sends what the lane may send now. Any thread; never blocks on I/O. */
    private void pump(EndpointLane lane, @Nullable Endpoint known) {
        Endpoint endpoint = known != null ? known : registry.find(lane.endpointId).orElse(null);
        List<ClaimedDelivery> expired = new ArrayList<>(0);
        List<ClaimedDelivery> toSend = lane.take(System.nanoTime(), spacingNanos(endpoint), globalSlots, expired);
        if (!expired.isEmpty()) {
            buffered.addAndGet(-expired.size());
            giveBack.addAll(expired);
        }
        if (lane.needsQueueing()) {
            waitingForSlot.add(lane, endpoint != null ? endpoint.tenant() : null);
        }
        for (ClaimedDelivery claim : toSend) {
            buffered.decrementAndGet();
            send(claim, lane);
        }
    }

    /** Cancels what a lane holds for an endpoint that is disabled ({@code endpoint}) or removed (null). */
    private void cancelBuffered(String endpointId, @Nullable Endpoint endpoint) {
        EndpointLane lane = lanes.get(endpointId);
        if (lane == null) {
            return;
        }
        List<ClaimedDelivery> held = lane.drain();
        buffered.addAndGet(-held.size());
        for (ClaimedDelivery c : held) {
            cancel(c, endpoint);
        }
        if (endpoint == null && lane.inFlight() == 0) {
            lanes.remove(endpointId);
        }
    }

    private void cancel(ClaimedDelivery claim, @Nullable Endpoint endpoint) {
        Instant now = clock.instant();
        unrecorded.incrementAndGet();
        AttemptObservation observation = observer.attemptStarted(claim, endpoint);
        AttemptOutcome outcome = AttemptOutcome.failure(FailureKind.ENDPOINT_UNAVAILABLE,
                endpoint == null ? "endpoint removed" : "endpoint disabled", null, Duration.ZERO);
        observation.finished(outcome);
        finish(claim, endpoint, now, outcome);
    }

    private void send(ClaimedDelivery claim, EndpointLane lane) {
        unrecorded.incrementAndGet();
        underWay.put(claim.deliveryId(), claim);
        Instant startedAt = clock.instant();
        Endpoint current = registry.find(claim.endpointId()).orElse(null);
        AttemptObservation observation = observer.attemptStarted(claim, current);
        if (current == null || !current.enabled()) {
            responded(claim, lane, current, startedAt, observation, AttemptOutcome.failure(
                    FailureKind.ENDPOINT_UNAVAILABLE, current == null ? "endpoint removed" : "endpoint disabled",
                    null, Duration.ZERO));
            return;
        }
        WebhookMessage message = claim.message();
        if (message.isPayloadExpunged()) { // redelivered as retention expunged it: nothing left to send
            responded(claim, lane, current, startedAt, observation, AttemptOutcome.failure(FailureKind.INVALID_REQUEST,
                    "payload expunged by retention", null, Duration.ZERO));
            return;
        }
        Map<String, String> headers;
        try {
            headers = new LinkedHashMap<>(signers.forEndpoint(current).headers(current.headerStyle(),
                    message.id(), startedAt.getEpochSecond(), Messages.body(message)));
            String authHeader = current.auth().headerName();
            if (authHeader != null) {
                headers.put(authHeader, current.auth().headerValue());
            }
            if (settings.propagateTraceContext()) {
                addTraceHeaders(headers, message);
            }
            // An extra header never doubles the auth header, whatever its case: the auth wins.
            current.headers().forEach((name, value) -> {
                if (authHeader == null || !authHeader.equalsIgnoreCase(name)) {
                    headers.putIfAbsent(name, value);
                }
            });
        } catch (RuntimeException e) {
            responded(claim, lane, current, startedAt, observation, AttemptOutcome.failure(FailureKind.SIGNING,
                    "could not sign: " + e.getClass().getSimpleName(), e, Duration.ZERO));
            return;
        }
        long start = System.nanoTime();
        try {
            transport.send(new TransportRequest(current.url(), headers, Messages.body(message), settings.attemptTimeout()))
                    .whenComplete((outcome, error) -> responded(claim, lane, current, startedAt, observation,
                            outcome != null ? outcome : AttemptOutcome.failure(FailureKind.IO, "transport failed: "
                                    + (error == null ? "no outcome" : error.getClass().getSimpleName()), error,
                                    Duration.ofNanos(System.nanoTime() - start))));
        } catch (RuntimeException e) {
            responded(claim, lane, current, startedAt, observation, AttemptOutcome.failure(FailureKind.IO,
                    "transport failed: " + e.getClass().getSimpleName(), e, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /**
     * The publish-time trace context, unchanged on every attempt like {@code webhook-id}: the
     * receiver joins the publisher's trace. Outside the signed content, so signatures do not change.
     */
    private static void addTraceHeaders(Map<String, String> headers, WebhookMessage message) {
        W3cTraceContext trace = message.traceContext().orElse(null);
        if (trace != null) {
            headers.put("traceparent", trace.traceparent());
            String state = trace.tracestate();
            if (state != null) {
                headers.put("tracestate", state);
            }
        }
    }

    /** The response was read (or the attempt failed): free the slot, refill it, hand the outcome on. */
    private void responded(ClaimedDelivery claim, EndpointLane lane, @Nullable Endpoint endpoint, Instant startedAt,
            AttemptObservation observation, AttemptOutcome outcome) {
        observation.finished(outcome);
        underWay.remove(claim.deliveryId());
        lane.finished(claim.attempt() > 1, outcome, System.nanoTime(), clock.instant());
        sending.decrementAndGet();
        finish(claim, endpoint, startedAt, outcome);
        if (running) {
            // Lanes waiting for a dispatcher slot go before this lane takes the slot it freed: one
            // endpoint's backlog at the dispatcher's whole concurrency never shuts the others out.
            pumpWaiting();
            pump(lane, endpoint);
            if (lane.wantsRefill(settings.batchSize())) {
                signalRefill();
            }
        }
    }

    /** Gives lanes that found no free slot another go, in turns by tenant, while slots are free. */
    private void pumpWaiting() {
        // Each waiting lane gets one go: a lane that still finds no slot queues itself again.
        for (int n = waitingForSlot.size(); n > 0 && slotsFree(); n--) {
            EndpointLane waiting = waitingForSlot.poll();
            if (waiting == null) {
                return;
            }
            waiting.dequeued();
            pump(waiting, null);
        }
    }

    private boolean slotsFree() {
        int n = sending.get();
        return n < settings.concurrency() && unrecorded.get() - n < settings.batchSize();
    }

    private void finish(ClaimedDelivery claim, @Nullable Endpoint endpoint, Instant startedAt, AttemptOutcome outcome) {
        Decision decision = retryPolicy.decide(claim.attempt(), outcome, clock.instant());
        DeliveryAttempt attempt = new DeliveryAttempt(claim.deliveryId(), claim.attempt(), startedAt, outcome);
        recorder.add(new OutcomeRecorder.Finished(claim, endpoint, OrderedOutcomes.record(claim, endpoint, attempt,
                decision), decision));
    }

    // ---- hearing back from the recorder --------------------------------------------------------

    private final class RecorderHooks implements OutcomeRecorder.Hooks {
        @Override
        public void paused(String endpointId) {
            EndpointLane lane = lanes.get(endpointId);
            if (lane != null) {
                lane.allowed(0); // no more sends from its buffer; the claim thread gives it back
            }
            signalRefill();
        }

        @Override
        public void keysFreed() {
            wake(); // the next delivery of a key is due already: claim it now, not at the next poll
        }

        @Override
        public void handled(int count) {
            int left = unrecorded.addAndGet(-count);
            if (running) {
                pumpWaiting(); // sends held back by the record backlog may go now
            }
            lock.lock();
            try {
                if (left == 0) {
                    idle.signalAll();
                }
                refill = true; // a claim held back by the record backlog may go ahead
                wake.signal();
            } finally {
                lock.unlock();
            }
        }
    }
}
