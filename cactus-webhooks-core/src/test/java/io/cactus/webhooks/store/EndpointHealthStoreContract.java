package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.endpoint.EndpointHealth.State;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link EndpointHealthStore} must do. A subclass supplies two stores on one fresh,
 * empty state: for a shared store two instances as two nodes have them, for a store in memory the
 * same instance twice (two dispatchers of one process).
 */
public abstract class EndpointHealthStoreContract {

    protected static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    protected EndpointHealthStore a;
    protected EndpointHealthStore b;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    /** Two stores on one fresh, empty state. */
    protected abstract List<EndpointHealthStore> twoStores() throws Exception;

    @BeforeEach
    void createStores() throws Exception {
        List<EndpointHealthStore> stores = twoStores();
        a = stores.get(0);
        b = stores.get(1);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    protected static HealthState paused(String id, int failures) {
        return new HealthState(id, State.PAUSED, failures, NOW.minusSeconds(60), NOW.plusSeconds(30),
                Duration.ofSeconds(30), null, null);
    }

    protected static HealthState failing(String id, int failures) {
        return new HealthState(id, State.HEALTHY, failures, NOW, null, null, null, null);
    }

    /** The change {@code EndpointHealthTracker.tryProbe} makes: take the probe if the pause or the last probe's lease is over. */
    protected static UnaryOperator<HealthState> tryProbe(String owner, Instant now) {
        return old -> {
            boolean pauseOver = old.state() == State.PAUSED && !now.isBefore(old.pausedUntil());
            boolean probeLapsed = old.state() == State.PROBING && !now.isBefore(old.probeUntil());
            if (!pauseOver && !probeLapsed) {
                return old;
            }
            return new HealthState(old.endpointId(), State.PROBING, old.consecutiveFailures(), old.failingSince(),
                    old.pausedUntil(), old.lastPause(), owner, now.plusSeconds(40));
        };
    }

    private static UnaryOperator<HealthState> set(HealthState next) {
        return old -> next;
    }

    private Map<String, HealthState> byId(EndpointHealthStore store) {
        Map<String, HealthState> result = new HashMap<>();
        for (HealthState s : store.all()) {
            assertThat(result.put(s.endpointId(), s)).as("one state per endpoint").isNull();
        }
        return result;
    }

    @Test
    void anEndpointWithNothingStoredIsHealthyAndNotListed() {
        assertThat(a.all()).isEmpty();
        List<HealthState> seen = new ArrayList<>();

        HealthState result = a.update("ep-a", old -> {
            seen.add(old);
            return old;
        });

        assertThat(seen).last().isEqualTo(HealthState.healthy("ep-a"));
        assertThat(result).isEqualTo(HealthState.healthy("ep-a"));
        assertThat(a.all()).isEmpty();
        assertThat(b.all()).isEmpty();
    }

    @Test
    void everyFieldIsKeptAndTheOtherStoreSeesIt() {
        HealthState pausedState = paused("ep-a", 5);
        HealthState probing = new HealthState("ep-b", State.PROBING, 6, NOW.minusSeconds(90), NOW.minusSeconds(1),
                Duration.ofMinutes(2), "node-1", NOW.plusSeconds(40));
        HealthState disabled = new HealthState("ep-c", State.DISABLED, 40, NOW.minus(Duration.ofDays(3)), null,
                Duration.ofHours(1), null, null);
        HealthState justFailing = failing("ep-d", 1);

        assertThat(a.update("ep-a", set(pausedState))).isEqualTo(pausedState);
        assertThat(a.update("ep-b", set(probing))).isEqualTo(probing);
        assertThat(b.update("ep-c", set(disabled))).isEqualTo(disabled);
        assertThat(b.update("ep-d", set(justFailing))).isEqualTo(justFailing);

        Map<String, HealthState> expected = Map.of("ep-a", pausedState, "ep-b", probing, "ep-c", disabled,
                "ep-d", justFailing);
        assertThat(byId(a)).isEqualTo(expected);
        assertThat(byId(b)).isEqualTo(expected);
    }

    @Test
    void updateAppliesTheChangeToTheStoredStateAndACleanResultForgetsIt() {
        a.update("ep-a", set(failing("ep-a", 1)));
        HealthState second = b.update("ep-a", old -> failing("ep-a", old.consecutiveFailures() + 1));
        assertThat(second.consecutiveFailures()).isEqualTo(2);
        HealthState third = a.update("ep-a", old -> paused("ep-a", old.consecutiveFailures() + 1));
        assertThat(third).isEqualTo(paused("ep-a", 3));
        assertThat(b.all()).containsExactly(paused("ep-a", 3));

        HealthState recovered = b.update("ep-a", old -> HealthState.healthy("ep-a"));

        assertThat(recovered.isClean()).isTrue();
        assertThat(a.all()).isEmpty();
        assertThat(a.update("ep-a", old -> old)).isEqualTo(HealthState.healthy("ep-a"));
    }

    @Test
    void badArgumentsAndBadChangesThrowAndLeaveTheStateAsItWas() {
        a.update("ep-a", set(paused("ep-a", 5)));
        a.update("ep-b", set(failing("ep-b", 2)));

        refused(() -> a.update(null, old -> old));
        refused(() -> a.update(" ", old -> old));
        refused(() -> a.update("e".repeat(65), old -> old));
        refused(() -> a.update("ep-a", null));
        refused(() -> a.update("ep-a", old -> null));
        refused(() -> a.update("ep-a", old -> failing("ep-b", 9)));
        refused(() -> a.update("ep-new", old -> failing("ep-other", 1)));
        List<HealthState> before = a.all();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> a.update("ep-a", old -> {
            throw boom;
        })).as("the change's own exception, as it is").isSameAs(boom);
        assertThatThrownBy(() -> a.update("ep-new", old -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(a.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(byId(b)).isEqualTo(Map.of("ep-a", paused("ep-a", 5), "ep-b", failing("ep-b", 2)));
    }

    private void refused(Executable call) {
        Map<String, HealthState> before = byId(a);
        assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class);
        assertThat(byId(a)).isEqualTo(before);
    }

    /**
     * Two nodes fail the same endpoints at once, each failure one read-modify-write; every seventh
     * failure resets the streak to clean (the row goes away and has to be created again). A lost
     * update shows as a count other than 60 mod 7.
     */
    @Test
    void twoNodesUpdatingTheSameEndpointsLoseNoUpdate() throws Exception {
        int endpoints = 8;
        int perNode = 30;
        int resetAt = 7;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<?>> nodes = new ArrayList<>();
        for (EndpointHealthStore store : List.of(a, b)) {
            nodes.add(pool.submit((Callable<Void>) () -> {
                start.await(10, TimeUnit.SECONDS);
                for (int round = 0; round < perNode; round++) {
                    for (int e = 0; e < endpoints; e++) {
                        String id = "ep-" + e;
                        store.update(id, old -> old.consecutiveFailures() + 1 == resetAt
                                ? HealthState.healthy(id) : failing(id, old.consecutiveFailures() + 1));
                    }
                }
                return null;
            }));
        }
        for (Future<?> node : nodes) {
            node.get(120, TimeUnit.SECONDS);
        }

        Map<String, HealthState> states = byId(a);
        assertThat(states).hasSize(endpoints);
        assertThat(states.values()).allSatisfy(s ->
                assertThat(s.consecutiveFailures()).as(s.endpointId()).isEqualTo(2 * perNode % resetAt));
    }

    /** Two nodes see a pause end at the same moment and both try to take the probe: one gets it. */
    @Test
    void exactlyOneOfTwoRacingNodesTakesTheProbe() throws Exception {
        int rounds = 25;
        for (int round = 0; round < rounds; round++) {
            String id = "ep-" + round;
            a.update(id, set(paused(id, 5)));
            Instant pauseOver = NOW.plusSeconds(30);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<HealthState> one = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return a.update(id, tryProbe("node-1", pauseOver));
            });
            Future<HealthState> two = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return b.update(id, tryProbe("node-2", pauseOver));
            });
            HealthState first = one.get(30, TimeUnit.SECONDS);
            HealthState second = two.get(30, TimeUnit.SECONDS);

            assertThat(first.state()).isEqualTo(State.PROBING);
            assertThat(second).as("both see the one stored probe").isEqualTo(first);
            String owner = first.probeOwner();
            assertThat(owner).isIn("node-1", "node-2");
            assertThat(byId(b).get(id).probeOwner()).isEqualTo(owner);
        }
        HealthState lapsed = b.update("ep-0", tryProbe("node-3", NOW.plusSeconds(30 + 40)));
        assertThat(lapsed.probeOwner()).as("a probe whose lease ended can be taken over").isEqualTo("node-3");
    }
}
