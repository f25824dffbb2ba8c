package io.cactus.dashboard.tokens;

import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.dashboard.domain.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Issues, lists, revokes and checks API tokens. Thread-safe.
 *
 * <p>Every check reads the token's row by hash (one indexed lookup, no cache), so a revoke takes
 * effect on the next request, on every node sharing the database. Last-used is written at most once
 * per {@link #LAST_USED_GRANULARITY} per token (the row read tells whether it is due), not once per
 * request.
 */
@Service
public class ApiTokenService {

    /** How stale {@link ApiToken#lastUsedAt()} may be: the price of not writing on every request. */
    public static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    static final int MAX_NAME_LENGTH = 100;

    private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

    private final ApiTokenRepository tokens;
    private final Clock clock;

    ApiTokenService(ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Issues a token; its clear value is in the result only, the table keeps its hash. */
    public IssuedApiToken create(@Nullable String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidFieldException("name", "must not be blank");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidFieldException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        String value = ApiTokens.generate();
        ApiToken token = tokens.insert(trimmed, ApiTokens.hash(value), now());
        log.info("API token #{} '{}' created", token.id(), token.name());
        return new IssuedApiToken(token, value);
    }

    public List<ApiToken> list() {
        return tokens.list();
    }

    /**
     * Revokes a token: the next request that sends it gets 401.
     *
     * @return false when it was already revoked
     * @throws NotFoundException when there is no token with this id
     */
    public boolean revoke(long id) {
        ApiToken token = tokens.find(id).orElseThrow(() -> new NotFoundException("API token", id));
        boolean revoked = tokens.revoke(id, now());
        if (revoked) {
            log.info("API token #{} '{}' revoked", token.id(), token.name());
        }
        return revoked;
    }

    /**
     * The active token with this clear value, if any; notes that it was used.
     *
     * @param value what the client sent after {@code Bearer }
     * @return empty for a malformed, unknown or revoked token (the caller answers all three alike)
     */
    public Optional<ApiToken> authenticate(String value) {
        if (!ApiTokens.wellFormed(value)) {
            return Optional.empty();
        }
        Optional<ApiToken> found = tokens.findByHash(ApiTokens.hash(value)).filter(token -> !token.revoked());
        found.ifPresent(this::noteUse);
        return found;
    }

    private void noteUse(ApiToken token) {
        Instant now = now();
        Instant staleBefore = now.minus(LAST_USED_GRANULARITY);
        Instant lastUsed = token.lastUsedAt();
        if (lastUsed != null && !lastUsed.isBefore(staleBefore)) {
            return;
        }
        try {
            tokens.touch(token.id(), now, staleBefore);
        } catch (DataAccessException e) {
            // the request is authenticated all the same; last-used is a hint for the admin
            log.warn("Could not record the use of API token #{}: {}", token.id(), e.toString());
        }
    }

    private Instant now() {
        return Rows.truncate(clock.instant());
    }
}
