package io.cactus.webhooks.portal;

import io.cactus.webhooks.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a verified portal token says: the tenant it opens the portal for, when it was issued, when
 * it expires, and its random id. It does not hold the token text itself, so it can be logged.
 * Immutable and thread-safe.
 *
 * @param tenant the tenant whose portal the token opens
 * @param issuedAt when the token was issued ({@code iat})
 * @param expiresAt when it stops being accepted ({@code exp}); after {@code issuedAt}
 * @param id the token's random id ({@code jti}), not secret
 */
public record PortalToken(TenantId tenant, Instant issuedAt, Instant expiresAt, String id) {

    /**
     * Checks the parts.
     *
     * @param tenant the tenant whose portal the token opens
     * @param issuedAt when the token was issued
     * @param expiresAt when it stops being accepted, after {@code issuedAt}
     * @param id the token's random id
     * @throws IllegalArgumentException if {@code expiresAt} is not after {@code issuedAt}
     * @throws NullPointerException if a part is null
     */
    public PortalToken {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(id, "id");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt, was " + expiresAt + " <= " + issuedAt);
        }
    }
}
