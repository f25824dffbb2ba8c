package io.cactus.webhooks.internal;

import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealth.State;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-endpoint circuit breaker and failure streak, in this process's memory. Thread-safe. */
public final class EndpointHealthTracker {

    /** What a recorded outcome changed. */
    public enum Transition { NONE, PAUSED, RECOVERED, DISABLE }

    private static final class Circuit {
        State state = State.HEALTHY;
        int failures;
        Instant failingSince;
        Instant pausedUntil;
        Duration lastPause;
    }

    private final EndpointHealthPolicy policy;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    public EndpointHealthTracker(EndpointHealthPolicy policy) {
        this.policy = policy;
    }

    /**
     * How many attempts the endpoint may have under way now, given its cap: 0 while paused or
     * disabled, 1 while probing, the cap otherwise. A pause that has ended turns into probing.
     */
    public int allowedInFlight(String endpointId, int cap, Instant now) {
        Circuit c = circuits.get(endpointId);
        if (c == null) {
            return cap;
        }
        synchronized (c) {
            switch (c.state) {
                case PAUSED:
                    if (now.isBefore(c.pausedUntil)) {
                        return 0;
                    }
                    c.state = State.PROBING;
                    return 1;
                case PROBING:
                    return 1;
                case DISABLED:
                    return 0;
                default:
                    return cap;
            }
        }
    }

    /** The time a paused endpoint may be probed, or null if it is not paused. */
    public Instant pausedUntil(String endpointId) {
        Circuit c = circuits.get(endpointId);
        if (c == null) {
            return null;
        }
        synchronized (c) {
            return c.state == State.PAUSED ? c.pausedUntil : null;
        }
    }

    public Transition onSuccess(String endpointId) {
        Circuit c = circuits.get(endpointId);
        if (c == null) {
            return Transition.NONE;
        }
        synchronized (c) {
            boolean wasOpen = c.state == State.PAUSED || c.state == State.PROBING;
            c.state = State.HEALTHY;
            c.failures = 0;
            c.failingSince = null;
            c.pausedUntil = null;
            c.lastPause = null;
            return wasOpen ? Transition.RECOVERED : Transition.NONE;
        }
    }

    public Transition onFailure(String endpointId, Instant now) {
        Circuit c = circuits.computeIfAbsent(endpointId, id -> new Circuit());
        synchronized (c) {
            if (c.state == State.DISABLED) {
                return Transition.NONE;
            }
            c.failures++;
            if (c.failingSince == null) {
                c.failingSince = now;
            }
            if (!now.isBefore(c.failingSince.plus(policy.disableAfter()))) {
                c.state = State.DISABLED;
                return Transition.DISABLE;
            }
            if (c.state == State.PROBING || (c.state == State.HEALTHY && c.failures >= policy.failureThreshold())) {
                Duration pause = c.lastPause == null ? policy.pause() : c.lastPause.multipliedBy(2);
                if (pause.compareTo(policy.maxPause()) > 0) {
                    pause = policy.maxPause();
                }
                c.lastPause = pause;
                c.state = State.PAUSED;
                c.pausedUntil = now.plus(pause);
                return Transition.PAUSED;
            }
            return Transition.NONE;
        }
    }

    /** Marks an endpoint disabled (410 Gone, or disabled from outside). */
    public void disabled(String endpointId) {
        Circuit c = circuits.computeIfAbsent(endpointId, id -> new Circuit());
        synchronized (c) {
            c.state = State.DISABLED;
        }
    }

    /** Forgets an endpoint's state (it was enabled again). */
    public void reset(String endpointId) {
        circuits.remove(endpointId);
    }

    public int consecutiveFailures(String endpointId) {
        Circuit c = circuits.get(endpointId);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            return c.failures;
        }
    }

    public EndpointHealth health(String endpointId, boolean enabled) {
        Circuit c = circuits.get(endpointId);
        if (c == null) {
            return new EndpointHealth(endpointId, enabled ? State.HEALTHY : State.DISABLED, 0, null, null);
        }
        synchronized (c) {
            State state = enabled ? (c.state == State.DISABLED ? State.HEALTHY : c.state) : State.DISABLED;
            return new EndpointHealth(endpointId, state, c.failures, c.failingSince,
                    state == State.PAUSED ? c.pausedUntil : null);
        }
    }

    public List<String> known() {
        return new ArrayList<>(circuits.keySet());
    }
}
