package io.cactus.webhooks.spi;

import io.cactus.webhooks.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a dispatcher asks of {@link DeliveryStore#claim}: up to {@code limit} due deliveries,
 * leased to {@code owner} until {@code leaseUntil}, none for the excluded endpoints (those at
 * their in-flight cap, paused or rate-limited). Immutable and thread-safe.
 *
 * <p>Fresh work first: when {@code freshFirst} names endpoints, the store first claims up to
 * {@code freshLimit} of their newest due first attempts (attempt count 0), newest due first, then
 * fills the rest of {@code limit} oldest due first as always. The dispatcher asks this for endpoints
 * with a backlog, so that a delivery published now is not queued behind that backlog; the backlog
 * still drains oldest first in the rest of the limit. The fresh first attempts come first in the
 * list the store returns (in no particular order among themselves).
 *
 * <p>Claims by endpoint: when {@code quotas} is not empty, the claim is fair across endpoints. Only
 * the endpoints named are claimed, each at most its quota (its fresh first attempts of the pass
 * above included), its oldest due first, whatever the due times of the other endpoints; the
 * excluded endpoints and those not named are left alone. The dispatcher asks this while one
 * endpoint has a backlog, so that the backlog's old due times do not keep the other endpoints'
 * work out of every claim. The store reads each endpoint's due work on an index, never the whole
 * backlog. Without quotas, the claim takes the oldest due work across endpoints.
 *
 * <p>Fair across tenants: when {@code tenants} is not empty, the endpoints it names belong to those
 * tenants and the others to one more group, the application's own endpoints. A store then takes
 * the candidates of the fresh-first pass and of the claim by endpoint in the order of
 * {@link #inTurns}: the group that has taken fewest so far first, and within it the endpoint that
 * has taken fewest, so that each group with due work gets an equal share of the limit, a share a
 * group does not use goes to the others, and a tenant with many endpoints or a large backlog does
 * not take another tenant's share. The dispatcher asks this when the endpoints it claims for belong
 * to more than one group; with one group (every single-tenant application) the map is empty and the
 * claim is as without it.
 *
 * @param owner who holds the lease: 1 to {@value #MAX_OWNER} characters, not blank
 * @param limit most deliveries, at least 1
 * @param now what is due at or before this instant is claimed
 * @param leaseUntil when the lease ends, after {@code now}
 * @param excludedEndpoints endpoints to leave alone; copied (a null given is taken as none, so the
 *     accessor never returns null)
 * @param freshFirst endpoints whose newest first attempts are claimed first; copied (null is none);
 *     an endpoint also excluded is left alone
 * @param freshLimit how many of {@code limit} may be such fresh first attempts: 0 to {@code limit}
 *     (0 when {@code freshFirst} is empty)
 * @param quotas endpoints to claim by endpoint, each with the most of its deliveries this claim may
 *     take (at least 1); copied in its iteration order (null is none: oldest due across endpoints);
 *     the claim never takes more than {@code limit} in all
 * @param tenants the tenant of each endpoint of {@code quotas} and {@code freshFirst} that has one,
 *     when they belong to more than one group; copied (null is none: the claim is not shared by
 *     tenant)
 */
public record ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints,
        Set<String> freshFirst, int freshLimit, Map<String, Integer> quotas, Map<String, TenantId> tenants) {

    /** Longest owner name (the JDBC column). */
    public static final int MAX_OWNER = 255;

    /**
     * Checks the components and copies the set.
     *
     * @param owner who holds the lease
     * @param limit most deliveries
     * @param now the claim's time
     * @param leaseUntil when the lease ends
     * @param excludedEndpoints endpoints to leave alone; copied
     * @param freshFirst endpoints whose newest first attempts are claimed first; copied
     * @param freshLimit how many of {@code limit} may be such fresh first attempts
     * @param quotas endpoints claimed by endpoint and the most of each; copied
     * @param tenants the tenants of the endpoints claimed, when more than one group; copied
     * @throws IllegalArgumentException naming the first invalid argument
     */
    public ClaimRequest {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw new IllegalArgumentException("owner must be 1 to " + MAX_OWNER + " characters and not blank");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (now == null || leaseUntil == null) {
            throw new IllegalArgumentException("now and leaseUntil must not be null");
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil (" + leaseUntil + ") must be after now (" + now + ")");
        }
        if (excludedEndpoints == null) {
            excludedEndpoints = Set.of();
        } else {
            for (String id : excludedEndpoints) {
                if (id == null) {
                    throw new IllegalArgumentException("excludedEndpoints must not contain null");
                }
            }
            excludedEndpoints = Set.copyOf(excludedEndpoints);
        }
        freshFirst = copyIds(freshFirst, "freshFirst");
        if (freshLimit < 0 || freshLimit > limit) {
            throw new IllegalArgumentException("freshLimit must be from 0 to limit (" + limit + "), was " + freshLimit);
        }
        if (freshFirst.isEmpty()) {
            freshLimit = 0;
        }
        quotas = copyQuotas(quotas);
        tenants = copyTenants(tenants);
    }

    /**
     * A request that is not shared by tenant.
     *
     * @param owner who holds the lease
     * @param limit most deliveries
     * @param now the claim's time
     * @param leaseUntil when the lease ends
     * @param excludedEndpoints endpoints to leave alone; copied
     * @param freshFirst endpoints whose newest first attempts are claimed first; copied
     * @param freshLimit how many of {@code limit} may be such fresh first attempts
     * @param quotas endpoints claimed by endpoint and the most of each; copied
     * @throws IllegalArgumentException naming the first invalid argument
     */
    public ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints,
            Set<String> freshFirst, int freshLimit, Map<String, Integer> quotas) {
        this(owner, limit, now, leaseUntil, excludedEndpoints, freshFirst, freshLimit, quotas, Map.of());
    }

    /**
     * A request that claims oldest due first across endpoints, with a fresh-first pass.
     *
     * @param owner who holds the lease
     * @param limit most deliveries
     * @param now the claim's time
     * @param leaseUntil when the lease ends
     * @param excludedEndpoints endpoints to leave alone; copied
     * @param freshFirst endpoints whose newest first attempts are claimed first; copied
     * @param freshLimit how many of {@code limit} may be such fresh first attempts
     * @throws IllegalArgumentException naming the first invalid argument
     */
    public ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints,
            Set<String> freshFirst, int freshLimit) {
        this(owner, limit, now, leaseUntil, excludedEndpoints, freshFirst, freshLimit, Map.of(), Map.of());
    }

    /**
     * A request without fresh-first endpoints: every delivery oldest due first.
     *
     * @param owner who holds the lease
     * @param limit most deliveries
     * @param now the claim's time
     * @param leaseUntil when the lease ends
     * @param excludedEndpoints endpoints to leave alone; copied
     * @throws IllegalArgumentException naming the first invalid argument
     */
    public ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints) {
        this(owner, limit, now, leaseUntil, excludedEndpoints, Set.of(), 0, Map.of(), Map.of());
    }

    private static Map<String, TenantId> copyTenants(@Nullable Map<String, TenantId> tenants) {
        if (tenants == null || tenants.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, TenantId> e : tenants.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("tenants must map endpoint ids to tenants, was " + e.getKey()
                        + "=" + e.getValue());
            }
        }
        return Map.copyOf(tenants);
    }

    /**
     * The order in which a store takes candidates of several endpoints when {@code room} cannot
     * take them all. Without {@link #tenants()}: in turns across the endpoints, the first of each in
     * the map's order, then the second of each, and so on ({@code taken} is not looked at). With
     * tenants: each time the group (a tenant, or the endpoints without one) that has taken fewest,
     * counting {@code taken}, and within it the endpoint that has taken fewest; ties go to the first
     * in the map's order. So each group with candidates gets an equal share of {@code room}, and a
     * share a group cannot fill goes to the others.
     *
     * @param <T> a store's candidate
     * @param byEndpoint each endpoint's candidates, in the order the endpoint's are to be taken;
     *     not changed
     * @param taken how many each endpoint already took in this claim (an earlier pass); absent is 0
     * @param room most candidates to return
     * @return the candidates taken, at most {@code room}, in the order taken
     */
    public <T> List<T> inTurns(Map<String, List<T>> byEndpoint, Map<String, Integer> taken, int room) {
        List<T> out = new ArrayList<>(Math.max(0, room));
        if (tenants.isEmpty()) {
            for (int round = 0; out.size() < room; round++) {
                boolean any = false;
                for (List<T> ids : byEndpoint.values()) {
                    if (round < ids.size() && out.size() < room) {
                        out.add(ids.get(round));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            return out;
        }
        // One group per tenant, one for the endpoints without one; the map's order is kept.
        List<List<T>> lists = new ArrayList<>(byEndpoint.values());
        int endpoints = lists.size();
        int[] group = new int[endpoints];
        int[] next = new int[endpoints];
        int[] count = new int[endpoints];
        Map<Object, Integer> groupIndex = new HashMap<>();
        Object own = new Object(); // the group of the endpoints without a tenant
        List<Integer> groupCounts = new ArrayList<>();
        int e = 0;
        for (Map.Entry<String, List<T>> entry : byEndpoint.entrySet()) {
            TenantId tenant = tenants.get(entry.getKey());
            int g = groupIndex.computeIfAbsent(tenant != null ? tenant : own, t -> {
                groupCounts.add(0);
                return groupCounts.size() - 1;
            });
            group[e] = g;
            count[e] = taken.getOrDefault(entry.getKey(), 0);
            groupCounts.set(g, groupCounts.get(g) + count[e]);
            e++;
        }
        int[] groupCount = groupCounts.stream().mapToInt(Integer::intValue).toArray();
        while (out.size() < room) {
            int best = -1;
            for (int i = 0; i < endpoints; i++) {
                if (next[i] >= lists.get(i).size()) {
                    continue;
                }
                if (best < 0 || groupCount[group[i]] < groupCount[group[best]]
                        || group[i] == group[best] && count[i] < count[best]) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            out.add(lists.get(best).get(next[best]++));
            count[best]++;
            groupCount[group[best]]++;
        }
        return out;
    }

    private static Map<String, Integer> copyQuotas(@Nullable Map<String, Integer> quotas) {
        if (quotas == null || quotas.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : quotas.entrySet()) {
            Integer n = e.getValue();
            if (e.getKey() == null || n == null || n < 1) {
                throw new IllegalArgumentException("quotas must map endpoint ids to at least 1, was " + e.getKey()
                        + "=" + n);
            }
            copy.put(e.getKey(), n);
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The quotas of the endpoints that are not excluded, in the order given.
     *
     * @return a new map, possibly empty
     */
    public Map<String, Integer> claimableQuotas() {
        Map<String, Integer> out = new LinkedHashMap<>(quotas);
        out.keySet().removeAll(excludedEndpoints);
        return out;
    }

    private static Set<String> copyIds(@Nullable Set<String> ids, String name) {
        if (ids == null) {
            return Set.of();
        }
        for (String id : ids) {
            if (id == null) {
                throw new IllegalArgumentException(name + " must not contain null");
            }
        }
        return Set.copyOf(ids);
    }

    /**
     * The endpoints of {@link #freshFirst()} that are not excluded.
     *
     * @return a new set, possibly empty
     */
    public Set<String> freshFirstClaimable() {
        Set<String> out = new java.util.HashSet<>(freshFirst);
        out.removeAll(excludedEndpoints);
        return out;
    }
}
