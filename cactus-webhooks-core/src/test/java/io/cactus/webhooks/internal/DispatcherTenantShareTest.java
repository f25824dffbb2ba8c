package io.cactus.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Send slots and buffer room shared by tenant, deterministic: the turn of the lanes waiting for a
 * send slot ({@link DispatcherWaitingLanes}) and the buffer's share when it is full
 * ({@link DispatcherBufferShare}).
 */
class DispatcherTenantShareTest {

    private static final TenantId A = TenantId.of("a");
    private static final TenantId B = TenantId.of("b");

    /** The order in which the queued lanes are taken, by endpoint id. */
    private static List<String> drain(DispatcherWaitingLanes waiting) {
        List<String> order = new ArrayList<>();
        for (EndpointLane lane; (lane = waiting.poll()) != null; ) {
            order.add(lane.endpointId);
        }
        return order;
    }

    private static void queue(DispatcherWaitingLanes waiting, String id, @Nullable TenantId tenant) {
        waiting.add(new EndpointLane(id, 0), tenant);
    }

    @Test
    void aTenantsOneWaitingLaneGetsTheSecondFreedSlotBesideAnotherTenantsEightyLanes() {
        DispatcherWaitingLanes byTenant = new DispatcherWaitingLanes();
        DispatcherWaitingLanes oneGroup = new DispatcherWaitingLanes(); // the control: no tenants
        for (int i = 0; i < 80; i++) {
            queue(byTenant, "a-" + i, A);
            queue(oneGroup, "a-" + i, null);
        }
        queue(byTenant, "b", B);
        queue(oneGroup, "b", null);
        assertThat(byTenant.size()).isEqualTo(81);

        List<String> fair = drain(byTenant);
        List<String> fifo = drain(oneGroup);

        assertThat(fair.indexOf("b")).isEqualTo(1); // A's first lane queued first, then B's turn
        assertThat(fifo.indexOf("b")).isEqualTo(80); // one group: the order lanes queued in
        // Within a group the lanes keep their order, and every lane is taken once.
        assertThat(fair).filteredOn(id -> id.startsWith("a-")).containsExactlyElementsOf(fifo.subList(0, 80));
        assertThat(byTenant.size()).isZero();
        assertThat(byTenant.poll()).isNull();
    }

    @Test
    void groupsTakeTurnsOneLaneEachAndAGroupQueuedAgainJoinsTheEndOfTheTurn() {
        DispatcherWaitingLanes waiting = new DispatcherWaitingLanes();
        queue(waiting, "a-1", A);
        queue(waiting, "a-2", A);
        queue(waiting, "own-1", null);
        queue(waiting, "b-1", B);
        queue(waiting, "a-3", A);
        assertThat(waiting.poll().endpointId).isEqualTo("a-1");
        queue(waiting, "b-2", B); // B is in the turn already: its lanes keep their place
        assertThat(drain(waiting)).containsExactly("own-1", "b-1", "a-2", "b-2", "a-3");
    }

    @Test
    void aRemovedTenantsGroupIsForgottenButItsQueuedLaneIsStillTaken() {
        DispatcherWaitingLanes waiting = new DispatcherWaitingLanes();
        queue(waiting, "a-1", A);
        queue(waiting, "b-1", B);
        waiting.retainTenants(Set.of(B));
        assertThat(drain(waiting)).containsExactly("a-1", "b-1");
    }

    private static DispatcherBufferShare.Tally tally(int wanted, int buffered) {
        DispatcherBufferShare.Tally t = new DispatcherBufferShare.Tally();
        t.wanted = wanted;
        t.buffered = buffered;
        return t;
    }

    @Test
    void aFullBufferHeldByOneTenantLeavesAnotherTenantItsShare() {
        Map<Object, DispatcherBufferShare.Tally> groups = new LinkedHashMap<>();
        groups.put(A, tally(800, 100)); // 80 backlogged endpoints hold the whole buffer of 100
        groups.put(B, tally(25, 0));

        assertThat(DispatcherBufferShare.underShare(groups, 100)).containsExactly(Map.entry(B, 25));

        // B's room beyond its share (50) is cut to the share; A over its share gets nothing.
        groups.put(B, tally(80, 10));
        assertThat(DispatcherBufferShare.underShare(groups, 100)).containsExactly(Map.entry(B, 40));
    }

    @Test
    void theBufferIsOneGroupsAloneAndAGroupAtItsShareWaitsItsTurn() {
        Map<Object, DispatcherBufferShare.Tally> alone = new LinkedHashMap<>();
        alone.put(A, tally(800, 100));
        alone.put(B, tally(0, 0)); // no room, nothing held: not competing
        assertThat(DispatcherBufferShare.underShare(alone, 100)).isEmpty();

        Map<Object, DispatcherBufferShare.Tally> atShare = new LinkedHashMap<>();
        atShare.put(A, tally(800, 50));
        atShare.put(B, tally(25, 50));
        assertThat(DispatcherBufferShare.underShare(atShare, 100)).isEmpty();
        atShare.put(B, tally(25, 49)); // the positive control: one below its share claims one
        assertThat(DispatcherBufferShare.underShare(atShare, 100)).containsExactly(Map.entry(B, 1));
    }

    @Test
    void aSmallClaimNamesFewEndpointsYetEveryCrowdedEndpointOfATenantTakesItsTurn() {
        TenantTurns turns = new TenantTurns(Dispatcher.MAX_ENDPOINTS_PER_CLAIM);
        Map<String, Integer> room = new LinkedHashMap<>();
        Map<String, TenantId> tenantOf = new LinkedHashMap<>();
        Set<String> crowded = new java.util.HashSet<>();
        for (int i = 0; i < 80; i++) {
            room.put("a-" + i, 10);
            tenantOf.put("a-" + i, A);
            crowded.add("a-" + i);
        }
        room.put("b", 25);
        tenantOf.put("b", B);
        int most = Dispatcher.namedForLimit(5, 2);
        assertThat(most).isEqualTo(10);

        Set<String> namedOnce = new java.util.HashSet<>();
        for (int claim = 0; claim < 9; claim++) {
            Map<String, Integer> quotas = turns.quotas(room, crowded, tenantOf, most);
            assertThat(quotas).hasSize(10).containsKey("b"); // B in every claim, beside A's many
            namedOnce.addAll(quotas.keySet());
        }
        // 9 claims of 9 of A's endpoints each: all 80 crowded ones named, none left out of every claim.
        assertThat(namedOnce).hasSize(81);
        // The control: without a cap a claim names 64, so a limit of 5 would read 64 endpoints' candidates.
        assertThat(turns.quotas(room, crowded, tenantOf)).hasSize(Dispatcher.MAX_ENDPOINTS_PER_CLAIM);
    }
}
