package io.cactus.webhooks.portal;

import io.cactus.webhooks.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The portal's own sessions, in memory, apart from the host's HttpSession: signing in to a portal never
 * touches the host's session (nor logs its admin out), and the host's session never carries a tenant.
 * Each node has its own: several nodes need sticky sessions (or the user opens a fresh link).
 *
 * <p>It also remembers which portal tokens were exchanged for a session, until each token's expiry,
 * so that a link opens one session only ({@link #redeem}). Like the sessions, that memory is per
 * node: on several nodes without sticky routing a link can open one session on each.
 * Thread-safe.
 */
final class PortalSessions {

    /** A bound on memory: beyond it the sessions closest to their end are dropped first. */
    static final int MAX_SESSIONS = 10_000;

    /** A bound on memory for the ids of redeemed tokens; they are kept until the token's own expiry. */
    static final int MAX_REDEEMED = 100_000;

    private final Map<String, PortalSession> sessions = new ConcurrentHashMap<>();
    /** The ids of tokens exchanged for a session, with the token's expiry. */
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final Clock clock;

    PortalSessions(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new session with fresh random id and CSRF token; the previous one of this browser, if any, ends. */
    PortalSession start(TenantId tenant, @Nullable String previousId) {
        if (previousId != null) {
            sessions.remove(previousId);
        }
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
            while (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream().min(Comparator.comparing(PortalSession::expiresAt))
                        .ifPresent(s -> sessions.remove(s.id()));
            }
        }
        PortalSession session = new PortalSession(randomToken(), tenant, randomToken(), now.plus(ttl));
        sessions.put(session.id(), session);
        return session;
    }

    /**
     * Marks a verified token as used. Returns {@code true} the first time for a token id, and
     * {@code false} for every later use until the token expires (an expired token is refused by
     * {@link PortalTokens#verify} already). When {@link #MAX_REDEEMED} ids are held, the expired
     * ones are dropped, then those closest to their expiry.
     */
    boolean redeem(PortalToken token) {
        Instant now = clock.instant();
        if (redeemed.size() >= MAX_REDEEMED) {
            redeemed.values().removeIf(exp -> !exp.isAfter(now));
            while (redeemed.size() >= MAX_REDEEMED) {
                redeemed.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(e -> redeemed.remove(e.getKey(), e.getValue()));
            }
        }
        return redeemed.putIfAbsent(token.id(), token.expiresAt()) == null;
    }

    /** The live session of this id. */
    Optional<PortalSession> find(@Nullable String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        PortalSession s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expiresAt().isAfter(clock.instant())) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void end(@Nullable String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    Duration ttl() {
        return ttl;
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
