package io.cactus.webhooks.spi;

import java.time.Instant;
import java.util.Set;

/**
 * What a dispatcher asks of {@link DeliveryStore#claim}: up to {@code limit} due deliveries,
 * leased to {@code owner} until {@code leaseUntil}, none for the excluded endpoints (those at
 * their in-flight cap, paused or rate-limited). Immutable and thread-safe.
 *
 * @param owner who holds the lease: 1 to {@value #MAX_OWNER} characters, not blank
 * @param limit most deliveries, at least 1
 * @param now what is due at or before this instant is claimed
 * @param leaseUntil when the lease ends, after {@code now}
 * @param excludedEndpoints endpoints to leave alone; copied (a null given is taken as none, so the
 *     accessor never returns null)
 */
public record ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints) {

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
    }
}
