package io.cactus.webhooks.spi;

import java.time.Instant;
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
 */
public record ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints,
        Set<String> freshFirst, int freshLimit) {

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
        this(owner, limit, now, leaseUntil, excludedEndpoints, Set.of(), 0);
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
