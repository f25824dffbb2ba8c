package io.cactus.webhooks.internal;

import io.cactus.webhooks.TenantId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The lanes waiting for a dispatcher send slot, in turns by tenant: the groups with a waiting lane
 * (each tenant, and the application's own endpoints without one) take turns, one lane each, and
 * within a group its lanes wait in the order they queued. So a tenant with 80 endpoints all waiting
 * gets one freed slot in two beside a tenant with one, not 80 in 81. With one group (every
 * single-tenant application) this is one queue of lanes, as before tenants.
 *
 * <p>Thread-safe and lock-free: lanes are queued and taken from any thread. A lane is queued once
 * at a time ({@link EndpointLane#needsQueueing()}); a group is in the turn at most once at a time.
 */
final class DispatcherWaitingLanes {

    /** One group's waiting lanes. */
    private static final class Group {
        final ConcurrentLinkedQueue<EndpointLane> lanes = new ConcurrentLinkedQueue<>();
        final AtomicBoolean inTurn = new AtomicBoolean();
    }

    private final Group own = new Group();
    private final Map<TenantId, Group> byTenant = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Group> turn = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** Queues a lane of {@code tenant}'s (null: the application's own endpoints). */
    void add(EndpointLane lane, @Nullable TenantId tenant) {
        Group group = tenant == null ? own : byTenant.computeIfAbsent(tenant, t -> new Group());
        group.lanes.add(lane);
        size.incrementAndGet();
        if (group.inTurn.compareAndSet(false, true)) {
            turn.add(group);
        }
    }

    /** The next lane in turn, or null if none waits. */
    @Nullable EndpointLane poll() {
        for (Group group; (group = turn.poll()) != null; ) {
            group.inTurn.set(false);
            EndpointLane lane = group.lanes.poll();
            // Back to the end of the turn while it has lanes waiting; a lane queued meanwhile puts it back itself.
            if (!group.lanes.isEmpty() && group.inTurn.compareAndSet(false, true)) {
                turn.add(group);
            }
            if (lane != null) {
                size.decrementAndGet();
                return lane;
            }
        }
        return null;
    }

    /** How many lanes wait (a snapshot). */
    int size() {
        return size.get();
    }

    /**
     * Forgets the groups of tenants that have no endpoint any more, so the map stays bounded by the
     * registry. A lane of theirs still queued is still taken in turn.
     */
    void retainTenants(Set<TenantId> tenants) {
        if (byTenant.size() > tenants.size()) {
            byTenant.keySet().retainAll(tenants);
        }
    }
}
