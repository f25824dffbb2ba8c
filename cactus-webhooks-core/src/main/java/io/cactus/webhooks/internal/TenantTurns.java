package io.cactus.webhooks.internal;

import io.cactus.webhooks.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which endpoints a claim by endpoint names when the endpoints with room belong to more than one
 * group (a tenant, or the application's own endpoints without one): the groups take turns, one
 * endpoint each per round, so a tenant with many crowded endpoints cannot fill the claim's
 * {@code maxEndpoints} and leave another tenant's endpoints out of every claim. Within a group its
 * crowded endpoints come first, then its others, each from where its last claim left off. The groups'
 * own order starts where the last claim left off too, for when there are more groups than names.
 * How the claim's limit is then shared is the store's part ({@code ClaimRequest.inTurns}).
 *
 * <p>Not thread-safe: the claim loop's thread only.
 */
final class TenantTurns {

    private static final Object OWN = new Object();

    private final int maxEndpoints;
    private final Map<Object, Integer> turnOf = new HashMap<>();
    private final Map<Object, Integer> crowdedTurnOf = new HashMap<>();
    private int groupTurn;

    TenantTurns(int maxEndpoints) {
        this.maxEndpoints = maxEndpoints;
    }

    /**
     * @param room each endpoint with room and its room, in the registry's order
     * @param crowded the endpoints with a backlog
     * @param tenantOf the tenant of each endpoint that has one
     * @return endpoint ids to their quota (their room), in the order the store is to take turns
     */
    Map<String, Integer> quotas(Map<String, Integer> room, Set<String> crowded, Map<String, TenantId> tenantOf) {
        return quotas(room, crowded, tenantOf, maxEndpoints);
    }

    /**
     * As {@link #quotas(Map, Set, Map)}, naming at most {@code most} endpoints (and never more than
     * this instance's {@code maxEndpoints}): a claim whose limit is small need not read 64
     * endpoints' candidates, and the ones left out take their turn in the next claims.
     */
    Map<String, Integer> quotas(Map<String, Integer> room, Set<String> crowded, Map<String, TenantId> tenantOf,
            int most) {
        int cap = Math.max(1, Math.min(maxEndpoints, most));
        Map<Object, List<String>> crowdedOf = new LinkedHashMap<>();
        Map<Object, List<String>> othersOf = new LinkedHashMap<>();
        for (String id : room.keySet()) {
            TenantId tenant = tenantOf.get(id);
            Object group = tenant != null ? tenant : OWN;
            crowdedOf.computeIfAbsent(group, g -> new ArrayList<>());
            (crowded.contains(id) ? crowdedOf : othersOf).computeIfAbsent(group, g -> new ArrayList<>()).add(id);
        }
        List<Object> groups = new ArrayList<>(crowdedOf.keySet());
        List<List<String>> order = new ArrayList<>(groups.size());
        int[] fromOthers = new int[groups.size()];
        int[] fromCrowded = new int[groups.size()];
        int start = Math.floorMod(groupTurn, groups.size());
        for (int k = 0; k < groups.size(); k++) {
            Object group = groups.get((start + k) % groups.size());
            // The crowded too from where the group's last claim left off: a claim naming fewer
            // endpoints than a tenant has crowded ones leaves none of them out of every claim.
            List<String> crowdedHere = crowdedOf.getOrDefault(group, List.of());
            List<String> list = new ArrayList<>(crowdedHere.size());
            int fromC = crowdedHere.isEmpty() ? 0 : Math.floorMod(crowdedTurnOf.getOrDefault(group, 0), crowdedHere.size());
            for (int i = 0; i < crowdedHere.size(); i++) {
                list.add(crowdedHere.get((fromC + i) % crowdedHere.size()));
            }
            List<String> others = othersOf.getOrDefault(group, List.of());
            int from = others.isEmpty() ? 0 : Math.floorMod(turnOf.getOrDefault(group, 0), others.size());
            for (int i = 0; i < others.size(); i++) {
                list.add(others.get((from + i) % others.size()));
            }
            order.add(list);
        }
        Map<String, Integer> quotas = new LinkedHashMap<>();
        int served = 0;
        for (int round = 0; quotas.size() < cap; round++) {
            boolean any = false;
            for (int k = 0; k < order.size() && quotas.size() < cap; k++) {
                List<String> list = order.get(k);
                if (round < list.size()) {
                    String id = list.get(round);
                    quotas.put(id, room.get(id));
                    any = true;
                    if (round == 0) {
                        served++;
                    }
                    if (!crowded.contains(id)) {
                        fromOthers[k]++;
                    } else {
                        fromCrowded[k]++;
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        Map<Object, Integer> next = new HashMap<>(); // only the groups present: the maps stay bounded
        Map<Object, Integer> nextCrowded = new HashMap<>();
        for (int k = 0; k < groups.size(); k++) {
            Object group = groups.get((start + k) % groups.size());
            next.put(group, turnOf.getOrDefault(group, 0) + fromOthers[k]);
            nextCrowded.put(group, crowdedTurnOf.getOrDefault(group, 0) + fromCrowded[k]);
        }
        turnOf.clear();
        turnOf.putAll(next);
        crowdedTurnOf.clear();
        crowdedTurnOf.putAll(nextCrowded);
        groupTurn = start + served;
        return quotas;
    }
}
