package io.cactus.dashboard.tokens;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What is stored about an API token: never the token itself, only its hash (not held here either).
 *
 * @param id the row id
 * @param name what the admin called it, such as "CI deploy"
 * @param createdAt when it was issued
 * @param lastUsedAt when it last authenticated a request, to the minute (writes are throttled); null if never
 * @param revokedAt when it was revoked; null while it is active
 */
public record ApiToken(long id, String name, Instant createdAt, @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
