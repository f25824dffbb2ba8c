package io.cactus.webhooks.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    // The test vector from the Standard Webhooks specification's libraries (PROTOCOL.md).
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330L;
    static final String VECTOR_BODY = "{\"test\": 2432232314}";
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void signsSpecificationTestVector() {
        WebhookSigner signer = WebhookSigner.of(WebhookSecret.parse(VECTOR_SECRET));

        assertThat(signer.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY.getBytes(UTF_8)))
                .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void verifiesSpecificationTestVectorWithFixedClock() {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(VECTOR_SECRET)
                .clock(clockAt(VECTOR_TIMESTAMP))
                .build();
        WebhookHeaders headers = WebhookHeaders.ofMap(Map.of(
                "webhook-id", VECTOR_ID,
                "webhook-timestamp", Long.toString(VECTOR_TIMESTAMP),
                "webhook-signature", VECTOR_SIGNATURE));

        VerifiedWebhook verified = verifier.verify(VECTOR_BODY, headers);

        assertThat(verified.id()).isEqualTo(VECTOR_ID);
        assertThat(verified.timestamp()).isEqualTo(Instant.ofEpochSecond(VECTOR_TIMESTAMP));
        assertThat(verifier.verify(VECTOR_BODY.getBytes(UTF_8), headers)).isEqualTo(verified);
    }

    @Test
    void headersNameTheThreeHeadersInStyleAndOrder() {
        WebhookSigner signer = WebhookSigner.of(WebhookSecret.parse(VECTOR_SECRET));

        Map<String, String> standard = signer.headers(HeaderStyle.STANDARD, VECTOR_ID, VECTOR_TIMESTAMP,
                VECTOR_BODY.getBytes(UTF_8));
        Map<String, String> svix = signer.headers(HeaderStyle.SVIX, VECTOR_ID, VECTOR_TIMESTAMP,
                VECTOR_BODY.getBytes(UTF_8));

        assertThat(standard).containsExactly(
                Map.entry("webhook-id", VECTOR_ID),
                Map.entry("webhook-timestamp", "1614265330"),
                Map.entry("webhook-signature", VECTOR_SIGNATURE));
        assertThat(svix).containsExactly(
                Map.entry("svix-id", VECTOR_ID),
                Map.entry("svix-timestamp", "1614265330"),
                Map.entry("svix-signature", VECTOR_SIGNATURE));
    }

    @Test
    void rotationSignsWithEverySecretSpaceSeparated() {
        WebhookSecret newSecret = WebhookSecret.generate();
        WebhookSecret oldSecret = WebhookSecret.parse(VECTOR_SECRET);
        byte[] body = VECTOR_BODY.getBytes(UTF_8);

        String header = WebhookSigner.of(newSecret, oldSecret).sign(VECTOR_ID, VECTOR_TIMESTAMP, body);

        String[] entries = header.split(" ", -1);
        assertThat(entries).hasSize(2);
        assertThat(entries[0]).isEqualTo(WebhookSigner.of(newSecret).sign(VECTOR_ID, VECTOR_TIMESTAMP, body));
        assertThat(entries[1]).isEqualTo(VECTOR_SIGNATURE);
        assertThat(header).matches("v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=");
    }

    @Test
    void rotationIsAcceptedByVerifierWithOnlyTheOldOrOnlyTheNewSecret() {
        WebhookSecret newSecret = WebhookSecret.generate();
        WebhookSecret oldSecret = WebhookSecret.generate();
        byte[] body = VECTOR_BODY.getBytes(UTF_8);
        WebhookHeaders headers = WebhookHeaders.ofMap(
                WebhookSigner.of(newSecret, oldSecret).headers(HeaderStyle.STANDARD, VECTOR_ID, VECTOR_TIMESTAMP, body));

        for (WebhookSecret only : List.of(oldSecret, newSecret)) {
            WebhookVerifier verifier = WebhookVerifier.builder().secret(only).clock(clockAt(VECTOR_TIMESTAMP)).build();
            assertThat(verifier.verify(body, headers).id()).isEqualTo(VECTOR_ID);
        }
        WebhookVerifier stranger = WebhookVerifier.builder()
                .secret(WebhookSecret.generate()).clock(clockAt(VECTOR_TIMESTAMP)).build();
        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> stranger.verify(body, headers))
                .extracting(WebhookVerificationException::reason)
                .isEqualTo(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void verifierWithBothSecretsAcceptsEitherSingleSignature() {
        WebhookSecret newSecret = WebhookSecret.generate();
        WebhookSecret oldSecret = WebhookSecret.generate();
        byte[] body = VECTOR_BODY.getBytes(UTF_8);
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(newSecret).secret(oldSecret).clock(clockAt(VECTOR_TIMESTAMP)).build();

        for (WebhookSecret signing : List.of(oldSecret, newSecret)) {
            WebhookHeaders headers = WebhookHeaders.ofMap(
                    WebhookSigner.of(signing).headers(HeaderStyle.STANDARD, VECTOR_ID, VECTOR_TIMESTAMP, body));
            assertThat(verifier.verify(body, headers).id()).isEqualTo(VECTOR_ID);
        }
    }

    @Test
    void signsTheExactBytesGiven() {
        WebhookSigner signer = WebhookSigner.of(WebhookSecret.parse(VECTOR_SECRET));

        assertThat(signer.sign(VECTOR_ID, VECTOR_TIMESTAMP, "{\"test\":2432232314}".getBytes(UTF_8)))
                .isNotEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void rejectsMissingArgumentsWithIllegalArgumentException() {
        WebhookSigner signer = WebhookSigner.of(WebhookSecret.generate());

        assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(null, 1, new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("msg_1", 1, null));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigner.of());
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigner.of(List.of(), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigner.of((WebhookSecret) null))
                .withMessageContaining("null");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigner.of((WebhookSecret[]) null));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigner.of(
                java.util.Arrays.asList(WebhookSecret.generate(), null), List.of()));
    }

    @Test
    void toStringDoesNotRevealSecrets() {
        WebhookSecret secret = WebhookSecret.parse(VECTOR_SECRET);

        assertThat(WebhookSigner.of(secret).toString()).doesNotContain("MfKQ9r8G");
        assertThat(WebhookVerifier.of(secret).toString()).doesNotContain("MfKQ9r8G");
    }
}
