package io.cactus.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {

    private static final String BASE64 = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static String base64OfLength(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void parsesWithAndWithoutPrefix() {
        WebhookSecret prefixed = WebhookSecret.parse("whsec_" + BASE64);
        WebhookSecret bare = WebhookSecret.parse(BASE64);

        assertThat(prefixed).isEqualTo(bare);
        assertThat(prefixed.keyBytes()).isEqualTo(Base64.getDecoder().decode(BASE64)).hasSize(24);
        assertThat(prefixed.encoded()).isEqualTo("whsec_" + BASE64);
        assertThat(bare.encoded()).isEqualTo("whsec_" + BASE64);
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(WebhookSecret.parse("  whsec_" + BASE64 + "\n")).isEqualTo(WebhookSecret.parse(BASE64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_not*base64!!secretvalue", "whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw",
            "whsec_MfKQ9r8G-KYqrTwjUPD8ILPZIo2LaLaSw_"})
    void rejectsNonBase64WithoutEchoingIt(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSecret.parse(text))
                .withMessageContaining("base64")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(text.substring(6))
                        .doesNotContain(text.substring(6, 14)))
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(text.substring(6, 14)));
    }

    @Test
    void rejectsTooShortNamingTheLength() {
        String b64 = base64OfLength(23);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSecret.parse("whsec_" + b64))
                .withMessageContaining("23 bytes")
                .withMessageContaining("24")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(b64).doesNotContain(b64.substring(0, 8)));
    }

    @Test
    void rejectsTooLongNamingTheLength() {
        String b64 = base64OfLength(65);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSecret.parse("whsec_" + b64))
                .withMessageContaining("65 bytes")
                .withMessageContaining("64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(b64).doesNotContain(b64.substring(0, 8)));
    }

    @Test
    void acceptsBoundaryLengths() {
        assertThat(WebhookSecret.parse("whsec_" + base64OfLength(24)).keyBytes()).hasSize(24);
        assertThat(WebhookSecret.parse("whsec_" + base64OfLength(64)).keyBytes()).hasSize(64);
        assertThat(WebhookSecret.ofBytes(new byte[24]).keyBytes()).hasSize(24);
        assertThat(WebhookSecret.ofBytes(new byte[64]).keyBytes()).hasSize(64);
    }

    @Test
    void ofBytesChecksLengthAndCopies() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.ofBytes(new byte[23]))
                .withMessageContaining("23 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.ofBytes(new byte[65]))
                .withMessageContaining("65 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.ofBytes(null));

        byte[] key = new byte[32];
        WebhookSecret secret = WebhookSecret.ofBytes(key);
        key[0] = 1;
        assertThat(secret.keyBytes()).containsOnly(0);
        secret.keyBytes()[1] = 1;
        assertThat(secret.keyBytes()).containsOnly(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "whsec_"})
    void rejectsBlankOrEmpty(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.parse(text));
    }

    @Test
    void rejectsNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.parse(null))
                .withMessageContaining("null");
    }

    @Test
    void toStringNeverShowsTheKey() {
        WebhookSecret secret = WebhookSecret.parse("whsec_" + BASE64);
        WebhookSecret generated = WebhookSecret.generate();

        assertThat(secret.toString()).doesNotContain(BASE64).doesNotContain(BASE64.substring(0, 6));
        assertThat(generated.toString()).doesNotContain(generated.encoded().substring(6, 14));
        assertThat(String.valueOf(secret.hashCode())).isNotNull();
    }

    @Test
    void generateGives32RandomBytesThatRoundTrip() {
        WebhookSecret secret = WebhookSecret.generate();

        assertThat(secret.keyBytes()).hasSize(32);
        assertThat(secret.encoded()).startsWith("whsec_").hasSize(6 + 44);
        assertThat(WebhookSecret.parse(secret.encoded())).isEqualTo(secret);
        assertThat(WebhookSecret.parse(secret.encoded()).keyBytes()).isEqualTo(secret.keyBytes());
        assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
    }

    @Test
    void generateUsesTheGivenRandomSource() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());

        assertThat(secret.keyBytes()).hasSize(WebhookSecret.GENERATED_BYTES);
    }
}
