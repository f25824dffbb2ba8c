package io.cactus.webhooks.spi;

import java.time.Instant;
import java.util.Set;

/**
 * What a dispatcher asks of {@link DeliveryStore#claim}: up to {@code limit} due deliveries,
 * leased to {@code owner} until {@code leaseUntil}, none for the excluded endpoints (those at
 * their in-flight cap, paused or rate-limited).
 */
public record ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedEndpoints) {
    public ClaimRequest {
        if (owner == null || now == null || leaseUntil == null) {
            throw new IllegalArgumentException("owner, now and leaseUntil must not be null");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        excludedEndpoints = excludedEndpoints == null ? Set.of() : Set.copyOf(excludedEndpoints);
    }
}
