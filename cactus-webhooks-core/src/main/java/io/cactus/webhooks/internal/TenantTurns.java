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
 * crowded endpoints come first, then its others from where its last claim left off. The groups'
 * own order starts where the last claim left off too, for when there are more groups than names.
 * How the claim's limit is then shared is the store's part ({@code ClaimRequest.inTurns}).
 *
 * <p>Not thread-safe: the claim loop's thread only.
 */
final class TenantTurns {

    private static final Object OWN = new Object();

    private final int maxEndpoints;
    private final Map<Object, Integer> turnOf = new HashMap<>();
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
        int start = Math.floorMod(groupTurn, groups.size());
        for (int k = 0; k < groups.size(); k++) {
            Object group = groups.get((start + k) % groups.size());
            List<String> list = new ArrayList<>(crowdedOf.get(group));
            List<String> others = othersOf.getOrDefault(group, List.of());
            int from = others.isEmpty() ? 0 : Math.floorMod(turnOf.getOrDefault(group, 0), others.size());
            for (int i = 0; i < others.size(); i++) {
                list.add(others.get((from + i) % others.size()));
            }
            order.add(list);
        }
        Map<String, Integer> quotas = new LinkedHashMap<>();
        int served = 0;
        for (int round = 0; quotas.size() < maxEndpoints; round++) {
            boolean any = false;
            for (int k = 0; k < order.size() && quotas.size() < maxEndpoints; k++) {
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
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        Map<Object, Integer> next = new HashMap<>(); // only the groups present: the map stays bounded
        for (int k = 0; k < groups.size(); k++) {
            Object group = groups.get((start + k) % groups.size());
            next.put(group, turnOf.getOrDefault(group, 0) + fromOthers[k]);
        }
        turnOf.clear();
        turnOf.putAll(next);
        groupTurn = start + served;
        return quotas;
    }
}
