package io.cactus.dashboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void tokensArePrefixed43UrlSafeBase64CharactersOf32RandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = ApiTokens.generate();
            assertThat(token).startsWith("cdt_").hasSize(47).matches("cdt_[A-Za-z0-9_-]{43}");
            assertThat(java.util.Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
            assertThat(ApiTokens.wellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void theHashIsTheHexSha256OfTheWholeToken() throws Exception {
        String token = ApiTokens.generate();

        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));

        assertThat(ApiTokens.hash(token)).isEqualTo(expected).hasSize(64);
        assertThat(ApiTokens.hash(token.substring(4))).isNotEqualTo(expected);
    }

    @Test
    void malformedTokensAreRecognisedWithoutALookup() {
        String token = ApiTokens.generate();

        assertThat(ApiTokens.wellFormed("")).isFalse();
        assertThat(ApiTokens.wellFormed(token.substring(0, 46))).isFalse();
        assertThat(ApiTokens.wellFormed(token + "A")).isFalse();
        assertThat(ApiTokens.wellFormed("xyz_" + token.substring(4))).isFalse();
        assertThat(ApiTokens.wellFormed(token.substring(0, 46) + "+")).isFalse();
        assertThat(ApiTokens.wellFormed(token.substring(0, 46) + "=")).isFalse();
    }

    @Test
    void noToStringShowsTheToken() {
        String value = ApiTokens.generate();
        ApiToken row = new ApiToken(7, "ci", Instant.parse("2026-01-01T00:00:00Z"), null, null);

        IssuedApiToken issued = new IssuedApiToken(row, value);
        ApiTokenAuthentication before = ApiTokenAuthentication.unauthenticated(value);
        ApiTokenAuthentication after = ApiTokenAuthentication.authenticated(row);

        assertThat(issued.value()).isEqualTo(value);
        assertThat(issued.toString()).doesNotContain(value).doesNotContain(value.substring(4)).contains("ci");
        assertThat(before.toString()).doesNotContain(value.substring(4));
        assertThat(before.getName()).doesNotContain(value.substring(4));
        assertThat(before.isAuthenticated()).isFalse();
        assertThat(after.isAuthenticated()).isTrue();
        assertThat(after.getCredentials()).isNull();
        assertThat(after.getName()).isEqualTo("api-token:7:ci");
        before.eraseCredentials();
        assertThat(before.getCredentials()).isNull();
    }
}
