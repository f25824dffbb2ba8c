package io.cactus.webhooks.spi;

import java.time.Instant;
import java.util.LinkedHashMap;
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
 */
public record ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints,
        Set<String> freshFirst, int freshLimit, Map<String, Integer> quotas) {

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
        this(owner, limit, now, leaseUntil, excludedEndpoints, freshFirst, freshLimit, Map.of());
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
        this(owner, limit, now, leaseUntil, excludedEndpoints, Set.of(), 0, Map.of());
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
