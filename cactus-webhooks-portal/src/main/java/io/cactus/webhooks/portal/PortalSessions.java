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
 */
final class PortalSessions {

    /** A bound on memory: beyond it the sessions closest to their end are dropped first. */
    static final int MAX_SESSIONS = 10_000;

    private final Map<String, PortalSession> sessions = new ConcurrentHashMap<>();
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
