package io.cactus.webhooks.internal;

import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealth.State;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-endpoint circuit breaker and failure streak. The state lives in an {@link EndpointHealthStore}
 * (shared by every dispatcher on a JDBC store); this class decides the transitions and keeps a
 * local copy that it refreshes from the store at most every {@code refresh}, so a claim round costs
 * no store call. Successes of a healthy endpoint cost nothing; a failure is one atomic store update.
 * At most one dispatcher probes a paused endpoint at a time (the probe is leased to its owner).
 * Thread-safe.
 */
public final class EndpointHealthTracker {

    private static final Logger log = LoggerFactory.getLogger("io.cactus.webhooks.Dispatcher");

    /** What a recorded outcome changed. */
    public enum Transition { NONE, PAUSED, RECOVERED, DISABLE }

    /**
     * What a recorded failure changed, and when it {@code PAUSED} the endpoint, the end of that pause
     * (taken from the state stored: the local copy may be replaced by a refresh in the meantime).
     */
    public record Failure(Transition transition, @Nullable Instant pausedUntil) {
        static final Failure NONE = new Failure(Transition.NONE, null);
    }

    private final EndpointHealthPolicy policy;
    private final EndpointHealthStore store;
    private final String owner;
    private final Duration refresh;
    private final Duration probeLease;
    private volatile Map<String, HealthState> states = Map.of();
    private final Map<String, HealthState> local = new ConcurrentHashMap<>();
    /** System.nanoTime of the last read: staleness is real elapsed time, whatever the injected clock says. */
    private volatile long refreshedAtNanos;
    private volatile boolean everRefreshed;

    /**
     * @param owner this dispatcher's name (probe leases)
     * @param refresh how stale the local copy may get before it is read again
     * @param probeLease how long a probe is leased to this dispatcher (the attempt's budget and more)
     */
    public EndpointHealthTracker(EndpointHealthPolicy policy, EndpointHealthStore store, String owner,
            Duration refresh, Duration probeLease) {
        this.policy = policy;
        this.store = store;
        this.owner = owner;
        this.refresh = refresh;
        this.probeLease = probeLease;
    }

    /** Reads the shared states again if the local copy is older than the refresh interval. */
    public void refreshIfStale() {
        if (isFresh()) {
            return;
        }
        synchronized (this) { // a caller arriving during a refresh waits for its result
            if (isFresh()) {
                return;
            }
            try {
                Map<String, HealthState> fresh = new HashMap<>();
                for (HealthState s : store.all()) {
                    fresh.put(s.endpointId(), s);
                }
                local.clear();
                states = Map.copyOf(fresh);
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher could not read endpoint health; using what it knew", e);
            }
            refreshedAtNanos = System.nanoTime();
            everRefreshed = true;
        }
    }

    private boolean isFresh() {
        return everRefreshed && System.nanoTime() - refreshedAtNanos < refresh.toNanos();
    }

    private HealthState get(String endpointId) {
        HealthState mine = local.get(endpointId);
        if (mine != null) {
            return mine;
        }
        HealthState s = states.get(endpointId);
        return s != null ? s : HealthState.healthy(endpointId);
    }

    private void remember(HealthState s) {
        local.put(s.endpointId(), s);
    }

    /**
     * How many attempts the endpoint may have under way now, given its cap: 0 while paused, disabled
     * or probed by another dispatcher; 1 while this dispatcher probes; the cap otherwise. A pause
     * that has ended is turned into a probe leased to this dispatcher, if no other holds one.
     */
    public int allowedInFlight(String endpointId, int cap, Instant now) {
        HealthState s = get(endpointId);
        switch (s.state()) {
            case HEALTHY:
                return cap;
            case DISABLED:
                return 0;
            case PAUSED:
                if (now.isBefore(s.pausedUntil())) {
                    return 0;
                }
                return tryProbe(endpointId, now) ? 1 : 0;
            case PROBING:
                if (owner.equals(s.probeOwner()) && now.isBefore(s.probeUntil())) {
                    return 1;
                }
                if (now.isBefore(s.probeUntil())) {
                    return 0;
                }
                return tryProbe(endpointId, now) ? 1 : 0;
            default:
                return cap;
        }
    }

    private boolean tryProbe(String endpointId, Instant now) {
        try {
            HealthState s = store.update(endpointId, old -> {
                boolean pauseOver = old.state() == State.PAUSED && !now.isBefore(old.pausedUntil());
                boolean probeLapsed = old.state() == State.PROBING && !now.isBefore(old.probeUntil());
                if (!pauseOver && !probeLapsed) {
                    return old;
                }
                return new HealthState(endpointId, State.PROBING, old.consecutiveFailures(), old.failingSince(),
                        old.pausedUntil(), old.lastPause(), owner, now.plus(probeLease));
            });
            remember(s);
            return s.state() == State.PROBING && owner.equals(s.probeOwner());
        } catch (RuntimeException e) {
            log.warn("Webhook dispatcher could not take the probe of endpoint {}", endpointId, e);
            return false;
        }
    }

    /** The time a paused endpoint may be probed, or null if it is not paused. */
    public @Nullable Instant pausedUntil(String endpointId) {
        HealthState s = get(endpointId);
        return s.state() == State.PAUSED ? s.pausedUntil() : null;
    }

    /** A stored attempt succeeded. Costs a store update only when the endpoint was not clean. */
    public Transition onSuccess(String endpointId, Instant now) {
        if (get(endpointId).isClean()) {
            return Transition.NONE;
        }
        HealthState[] before = new HealthState[1];
        HealthState s = guarded(endpointId, old -> {
            before[0] = old;
            return old.state() == State.DISABLED ? old : HealthState.healthy(endpointId);
        });
        if (s == null) {
            return Transition.NONE;
        }
        State was = before[0].state();
        return was == State.PAUSED || was == State.PROBING ? Transition.RECOVERED : Transition.NONE;
    }

    /** A stored attempt failed: one atomic store update. */
    public Failure onFailure(String endpointId, Instant now) {
        Transition[] t = {Transition.NONE};
        HealthState s = guarded(endpointId, old -> {
            t[0] = Transition.NONE;
            if (old.state() == State.DISABLED) {
                return old;
            }
            int failures = old.consecutiveFailures() + 1;
            Instant since = old.failingSince() == null ? now : old.failingSince();
            if (!now.isBefore(since.plus(policy.disableAfter()))) {
                t[0] = Transition.DISABLE;
                return new HealthState(endpointId, State.DISABLED, failures, since, null, old.lastPause(), null, null);
            }
            // A failed probe pauses again; so does a healthy endpoint reaching the threshold. Failures
            // of attempts that were under way when the endpoint paused leave the pause alone.
            boolean probing = old.state() == State.PROBING;
            if (probing || (old.state() == State.HEALTHY && failures >= policy.failureThreshold())) {
                Duration pause = old.lastPause() == null ? policy.pause() : old.lastPause().multipliedBy(2);
                if (pause.compareTo(policy.maxPause()) > 0) {
                    pause = policy.maxPause();
                }
                t[0] = Transition.PAUSED;
                return new HealthState(endpointId, State.PAUSED, failures, since, now.plus(pause), pause, null, null);
            }
            return new HealthState(endpointId, old.state(), failures, since, old.pausedUntil(), old.lastPause(),
                    old.probeOwner(), old.probeUntil());
        });
        if (s == null) {
            return Failure.NONE;
        }
        return new Failure(t[0], t[0] == Transition.PAUSED ? s.pausedUntil() : null);
    }

    /**
     * Applies a change through the store and remembers the result; a store failure loses only this
     * update (logged), never the outcome that caused it.
     */
    private @Nullable HealthState guarded(String endpointId, java.util.function.UnaryOperator<HealthState> change) {
        try {
            HealthState s = store.update(endpointId, change);
            remember(s);
            return s;
        } catch (RuntimeException e) {
            log.warn("Webhook dispatcher could not update the health of endpoint {}", endpointId, e);
            return null;
        }
    }

    /**
     * Marks an endpoint disabled (410 Gone, kept failing, or disabled from outside).
     *
     * @return whether this call made the transition (the stored state was not DISABLED): of several
     *     nodes disabling one endpoint at once, exactly one gets true
     */
    public boolean disabled(String endpointId) {
        boolean[] changed = new boolean[1];
        HealthState s = guarded(endpointId, old -> {
            changed[0] = old.state() != State.DISABLED;
            return new HealthState(endpointId, State.DISABLED,
                    old.consecutiveFailures(), old.failingSince(), null, old.lastPause(), null, null);
        });
        return s != null && changed[0];
    }

    /** Forgets an endpoint's state (it was enabled again). */
    public void reset(String endpointId) {
        remember(store.update(endpointId, old -> HealthState.healthy(endpointId)));
    }

    public int consecutiveFailures(String endpointId) {
        return get(endpointId).consecutiveFailures();
    }

    /** The public view; an endpoint that is not enabled is DISABLED whatever its circuit says. */
    public EndpointHealth health(String endpointId, boolean enabled) {
        HealthState s = get(endpointId);
        State state = enabled ? (s.state() == State.DISABLED ? State.HEALTHY : s.state()) : State.DISABLED;
        return new EndpointHealth(endpointId, state, s.consecutiveFailures(), s.failingSince(),
                state == State.PAUSED ? s.pausedUntil() : null);
    }
}
