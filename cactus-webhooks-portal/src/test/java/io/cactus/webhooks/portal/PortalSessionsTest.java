package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.portal.PortalTokensTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory of redeemed portal tokens: one use per token id, bounded, expired ids dropped first. */
class PortalSessionsTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static PortalToken token(String id, Duration lifetime) {
        return new PortalToken(TENANT, NOW, NOW.plus(lifetime), id);
    }

    @Test
    void aTokenIdIsRedeemedOnce() {
        PortalSessions sessions = new PortalSessions(Duration.ofMinutes(30), new MutableClock(NOW));
        assertThat(sessions.redeem(token("jti-1", Duration.ofMinutes(15)))).isTrue();
        assertThat(sessions.redeem(token("jti-1", Duration.ofMinutes(15)))).isFalse();
        assertThat(sessions.redeem(token("jti-2", Duration.ofMinutes(15)))).as("another id").isTrue();
    }

    @Test
    void whenFullTheExpiredIdsGoFirstAndTheLiveOnesStayRedeemed() {
        MutableClock clock = new MutableClock(NOW);
        PortalSessions sessions = new PortalSessions(Duration.ofMinutes(30), clock);
        assertThat(sessions.redeem(token("long-lived", Duration.ofHours(2)))).isTrue();
        for (int i = 1; i < PortalSessions.MAX_REDEEMED; i++) {
            assertThat(sessions.redeem(token("short-" + i, Duration.ofMinutes(1)))).isTrue();
        }
        clock.now = NOW.plus(Duration.ofMinutes(5)); // every short-lived token has expired
        assertThat(sessions.redeem(token("after", Duration.ofHours(2)))).as("room was made").isTrue();
        assertThat(sessions.redeem(token("long-lived", Duration.ofHours(2))))
                .as("a live token stays used when the expired ones are dropped").isFalse();
        assertThat(sessions.redeem(token("after", Duration.ofHours(2)))).isFalse();
    }

    @Test
    void whenFullOfLiveIdsThoseClosestToExpiryAreDropped() {
        PortalSessions sessions = new PortalSessions(Duration.ofMinutes(30), new MutableClock(NOW));
        assertThat(sessions.redeem(token("soonest", Duration.ofMinutes(1)))).isTrue();
        int last = PortalSessions.MAX_REDEEMED - 1;
        for (int i = 1; i <= last; i++) { // each a second later than the one before
            assertThat(sessions.redeem(token("later-" + i, Duration.ofMinutes(10).plusSeconds(i)))).isTrue();
        }
        assertThat(sessions.redeem(token("new", Duration.ofHours(1)))).as("room was made").isTrue();
        // full again: this call drops later-1, the closest to its expiry, and later-<last> stays used
        assertThat(sessions.redeem(token("later-" + last, Duration.ofMinutes(10).plusSeconds(last)))).isFalse();
        assertThat(sessions.redeem(token("soonest", Duration.ofMinutes(1))))
                .as("the one closest to its expiry was dropped for \"new\"").isTrue();
        assertThat(sessions.redeem(token("later-1", Duration.ofMinutes(10).plusSeconds(1))))
                .as("then the next closest").isTrue();
    }
}
