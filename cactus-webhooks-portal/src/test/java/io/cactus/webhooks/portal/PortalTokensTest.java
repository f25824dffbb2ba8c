package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.portal.PortalTokenException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PortalTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef-portal".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final TenantId ACME = TenantId.of("acme");

    private final MutableClock clock = new MutableClock(NOW);
    private final PortalTokens tokens = new PortalTokens(KEY, Duration.ofMinutes(15), clock);

    @Test
    void aFreshTokenVerifiesWithItsTenantAndTimes() {
        PortalToken t = tokens.verify(tokens.issue(ACME));
        assertThat(t.tenant()).isEqualTo(ACME);
        assertThat(t.issuedAt()).isEqualTo(NOW);
        assertThat(t.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(t.id()).isNotBlank();
        assertThat(tokens.issue(ACME)).isNotEqualTo(tokens.issue(ACME)); // a random jti each time
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue(ACME, Duration.ofMinutes(5));
        clock.now = NOW.plus(Duration.ofMinutes(4));
        assertThat(tokens.verify(token).tenant()).isEqualTo(ACME); // positive control
        clock.now = NOW.plus(Duration.ofMinutes(5));
        assertRefused(token, Reason.EXPIRED);
    }

    @Test
    void aTokenIssuedInTheFutureIsNotYetValid() {
        String future = sign("{\"alg\":\"HS256\",\"tenant\":\"acme\",\"iat\":" + (NOW.getEpochSecond() + 3600)
                + ",\"exp\":" + (NOW.getEpochSecond() + 4000) + ",\"jti\":\"x\"}", KEY);
        assertRefused(future, Reason.NOT_YET_VALID);
        String withinSkew = sign("{\"alg\":\"HS256\",\"tenant\":\"acme\",\"iat\":" + (NOW.getEpochSecond() + 10)
                + ",\"exp\":" + (NOW.getEpochSecond() + 400) + ",\"jti\":\"x\"}", KEY);
        assertThat(tokens.verify(withinSkew).tenant()).isEqualTo(ACME);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = tokens.issue(ACME);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"acme\"", "\"other\"");
        String tampered = parts[0] + "." + b64(claims) + "." + parts[2];
        assertRefused(tampered, Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = tokens.issue(ACME);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertRefused(tampered, Reason.BAD_SIGNATURE);
        assertRefused(token.substring(0, token.lastIndexOf('.') + 1) + "AAAA", Reason.BAD_SIGNATURE);
    }

    @Test
    void anotherKeysTokenIsRefused() {
        PortalTokens other = new PortalTokens("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(15), clock);
        assertRefused(other.issue(ACME), Reason.BAD_SIGNATURE);
    }

    @Test
    void algorithmsOtherThanHs256AreRefusedEvenWhenSigned() {
        String claims = ",\"tenant\":\"acme\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 60)
                + ",\"jti\":\"x\"}";
        String none = "v1." + b64("{\"alg\":\"none\"" + claims) + ".";
        assertRefused(none, Reason.UNSUPPORTED_ALGORITHM);
        assertRefused(sign("{\"alg\":\"none\"" + claims, KEY), Reason.UNSUPPORTED_ALGORITHM);
        assertRefused(sign("{\"alg\":\"HS512\"" + claims, KEY), Reason.UNSUPPORTED_ALGORITHM);
        assertRefused(sign("{\"tenant\":\"acme\"" + claims.substring(claims.indexOf(",\"iat\"")), KEY),
                Reason.UNSUPPORTED_ALGORITHM);
        assertThat(tokens.verify(sign("{\"alg\":\"HS256\"" + claims, KEY)).tenant()).isEqualTo(ACME); // control
    }

    @Test
    void aMissingTokenIsRefused() {
        assertRefused(null, Reason.MISSING);
        assertRefused("", Reason.MISSING);
        assertRefused("   ", Reason.MISSING);
    }

    @Test
    void malformedTokensAreRefused() {
        assertRefused("garbage", Reason.MALFORMED);
        assertRefused("v2." + b64("{}") + ".sig", Reason.MALFORMED);
        assertRefused("v1.!!!.sig", Reason.MALFORMED);
        assertRefused("v1." + b64("[1,2]") + ".sig", Reason.MALFORMED);
        assertRefused("v1.a.b.c", Reason.MALFORMED);
        assertRefused("v1." + "a".repeat(2000) + ".b", Reason.MALFORMED);
        assertRefused(sign("{\"alg\":\"HS256\",\"tenant\":\"bad tenant!\",\"iat\":1,\"exp\":2,\"jti\":\"x\"}", KEY),
                Reason.MALFORMED);
        assertRefused(sign("{\"alg\":\"HS256\",\"tenant\":\"acme\",\"iat\":\"soon\",\"exp\":2,\"jti\":\"x\"}", KEY),
                Reason.MALFORMED);
    }

    @Test
    void tooLongALifetimeIsRefused() {
        String token = sign("{\"alg\":\"HS256\",\"tenant\":\"acme\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                + (NOW.getEpochSecond() + Duration.ofHours(25).toSeconds()) + ",\"jti\":\"x\"}", KEY);
        assertRefused(token, Reason.LIFETIME_TOO_LONG);
        assertThatThrownBy(() -> tokens.issue(ACME, Duration.ofHours(25))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
    }

    @Test
    void aShortKeyIsRefusedWithItsLengthOnly() {
        assertThatThrownBy(() -> new PortalTokens("short-key".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes, had 9")
                .hasMessageNotContaining("short-key");
    }

    @Test
    void theLinkCarriesATokenForTheTenant() {
        URI link = tokens.link(URI.create("https://app.example.com/webhooks-portal/"), ACME);
        assertThat(link.toString()).startsWith("https://app.example.com/webhooks-portal/login?token=v1.");
        assertThat(tokens.verify(link.getQuery().substring("token=".length())).tenant()).isEqualTo(ACME);
    }

    @Test
    void neitherTheTokenNorTheKeyAppearsInToStringsOrRefusals() {
        String token = tokens.issue(ACME);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String payload = token.substring(3, token.lastIndexOf('.'));
        assertThat(tokens.toString()).doesNotContain(new String(KEY, StandardCharsets.UTF_8)).doesNotContain(signature);
        assertThat(tokens.verify(token).toString()).doesNotContain(signature).doesNotContain(payload);
        clock.now = NOW.plus(Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(PortalTokenException.class)
                .hasMessageNotContaining(signature).hasMessageNotContaining(payload);
        CactusPortalProperties properties = new CactusPortalProperties();
        properties.setSigningKey(new String(KEY, StandardCharsets.UTF_8));
        assertThat(properties.toString()).contains("signingKey=(set)").doesNotContain(new String(KEY, StandardCharsets.UTF_8));
    }

    private void assertRefused(String token, Reason reason) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(PortalTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(String claimsJson, byte[] key) {
        try {
            String signed = "v1." + b64(claimsJson);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signed + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
