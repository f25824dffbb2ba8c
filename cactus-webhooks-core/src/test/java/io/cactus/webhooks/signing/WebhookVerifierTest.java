package io.cactus.webhooks.signing;

import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.MISSING_HEADER;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_NEW;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.cactus.webhooks.WebhookException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

    private static final long NOW = 1_764_411_330L; // 2025-11-29T10:15:30Z
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final WebhookSigner SIGNER = WebhookSigner.of(SECRET);
    private static final WebhookVerifier VERIFIER = WebhookVerifier.builder().secret(SECRET).clock(CLOCK).build();
    private static final String ID = "msg_2CW6YDFKQ8C7B9TSD0X4ZP1M3E";
    private static final String BODY = "{\"type\":\"client.created\",\"timestamp\":\"2025-11-29T10:15:30.000Z\",\"data\":{}}";

    private static String sign(String id, long timestamp, String body) {
        return SIGNER.sign(id, timestamp, body.getBytes(UTF_8));
    }

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        return headers;
    }

    private static Map<String, String> validHeaders() {
        return headers(ID, NOW, sign(ID, NOW, BODY));
    }

    private static ThrowableAssertAlternative<WebhookVerificationException> rejects(
            WebhookVerifier verifier, String body, Map<String, String> headers,
            WebhookVerificationException.Reason reason) {
        return assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> verifier.verify(body, WebhookHeaders.ofMap(headers)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static ThrowableAssertAlternative<WebhookVerificationException> rejects(
            Map<String, String> headers, WebhookVerificationException.Reason reason) {
        return rejects(VERIFIER, BODY, headers, reason);
    }

    @Test
    void acceptsValidRequestAndReturnsIdAndTimestamp() {
        VerifiedWebhook verified = VERIFIER.verify(BODY, WebhookHeaders.ofMap(validHeaders()));

        assertThat(verified).isEqualTo(new VerifiedWebhook(ID, Instant.ofEpochSecond(NOW)));
    }

    @Test
    void verificationExceptionIsAWebhookException() {
        assertThat(new WebhookVerificationException(MISSING_HEADER, "x")).isInstanceOf(WebhookException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void rejectsMissingHeader(String name) {
        Map<String, String> headers = validHeaders();
        headers.remove(name);

        rejects(headers, MISSING_HEADER).withMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void rejectsBlankHeaderAsMissing(String name) {
        Map<String, String> headers = validHeaders();
        headers.put(name, "  ");

        rejects(headers, MISSING_HEADER).withMessageContaining(name);
    }

    @Test
    void rejectsMissingSignatureInMultiMapWithoutValues() {
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(ID),
                "webhook-timestamp", List.of(Long.toString(NOW)),
                "webhook-signature", List.of());

        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> VERIFIER.verify(BODY, WebhookHeaders.ofMultiMap(headers)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(MISSING_HEADER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1614265330.5", "-1614265330", "1e9", "0x10", "99999999999999999999"})
    void rejectsNonNumericTimestampAsMalformed(String timestamp) {
        Map<String, String> headers = validHeaders();
        headers.put("webhook-timestamp", timestamp);

        rejects(headers, MALFORMED_HEADER).withMessageContaining("webhook-timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "v1", "v1 v1a", ",abc"})
    void rejectsSignatureHeaderWithoutEntriesAsMalformed(String signature) {
        Map<String, String> headers = validHeaders();
        headers.put("webhook-signature", signature);

        rejects(headers, MALFORMED_HEADER).withMessageContaining("webhook-signature");
    }

    @Test
    void rejectsTimestampOlderThanTolerance() {
        long then = NOW - 301;

        rejects(headers(ID, then, sign(ID, then, BODY)), TIMESTAMP_TOO_OLD)
                .withMessageContaining("301 s")
                .withMessageContaining("300 s");
    }

    @Test
    void rejectsTimestampNewerThanTolerance() {
        long then = NOW + 301;

        rejects(headers(ID, then, sign(ID, then, BODY)), TIMESTAMP_TOO_NEW)
                .withMessageContaining("301 s")
                .withMessageContaining("300 s");
    }

    @Test
    void acceptsTimestampExactlyAtDefaultToleranceBothWays() {
        for (long then : new long[] {NOW - 300, NOW + 300}) {
            assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(headers(ID, then, sign(ID, then, BODY)))).id())
                    .isEqualTo(ID);
        }
    }

    @Test
    void toleranceIsConfigurableWithInjectedClock() {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(SECRET).tolerance(Duration.ofSeconds(60)).clock(CLOCK).build();

        for (long then : new long[] {NOW - 60, NOW, NOW + 60}) {
            assertThat(verifier.verify(BODY, WebhookHeaders.ofMap(headers(ID, then, sign(ID, then, BODY)))))
                    .isEqualTo(new VerifiedWebhook(ID, Instant.ofEpochSecond(then)));
        }
        rejects(verifier, BODY, headers(ID, NOW - 61, sign(ID, NOW - 61, BODY)), TIMESTAMP_TOO_OLD)
                .withMessageContaining("60 s");
        rejects(verifier, BODY, headers(ID, NOW + 61, sign(ID, NOW + 61, BODY)), TIMESTAMP_TOO_NEW)
                .withMessageContaining("60 s");
    }

    @Test
    void clockDecidesWhatNowIs() {
        long then = NOW - 3600;
        Map<String, String> headers = headers(ID, then, sign(ID, then, BODY));
        WebhookVerifier anHourAgo = WebhookVerifier.builder().secret(SECRET)
                .clock(Clock.offset(CLOCK, Duration.ofHours(-1))).build();

        assertThat(anHourAgo.verify(BODY, WebhookHeaders.ofMap(headers)).id()).isEqualTo(ID);
        rejects(headers, TIMESTAMP_TOO_OLD);
    }

    @Test
    void rejectsWrongSignature() {
        Map<String, String> headers = validHeaders();
        headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(new byte[32]));

        rejects(headers, NO_MATCHING_SIGNATURE).withMessageContaining(ID);
    }

    @Test
    void rejectsTamperedId() {
        Map<String, String> headers = validHeaders();
        headers.put("webhook-id", "msg_2CW6YDFKQ8C7B9TSD0X4ZP1M3F");

        rejects(headers, NO_MATCHING_SIGNATURE);
    }

    @Test
    void rejectsTamperedTimestamp() {
        Map<String, String> headers = validHeaders();
        headers.put("webhook-timestamp", Long.toString(NOW - 1));

        rejects(headers, NO_MATCHING_SIGNATURE);
    }

    @Test
    void rejectsTamperedBody() {
        rejects(VERIFIER, BODY.replace("client.created", "client.updated"), validHeaders(), NO_MATCHING_SIGNATURE);
        rejects(VERIFIER, BODY + " ", validHeaders(), NO_MATCHING_SIGNATURE);
    }

    @Test
    void rejectsWrongSecret() {
        WebhookVerifier other = WebhookVerifier.builder().secret(WebhookSecret.generate()).clock(CLOCK).build();

        rejects(other, BODY, validHeaders(), NO_MATCHING_SIGNATURE);
    }

    @Test
    void acceptsWhenOneOfSeveralSignaturesIsValid() {
        String valid = sign(ID, NOW, BODY);
        String wrong1 = WebhookSigner.of(WebhookSecret.generate()).sign(ID, NOW, BODY.getBytes(UTF_8));
        String wrong2 = "v1," + Base64.getEncoder().encodeToString(new byte[32]);

        for (String header : List.of(wrong1 + " " + valid + " " + wrong2, valid + " " + wrong1, wrong2 + " " + valid)) {
            assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(headers(ID, NOW, header))).id())
                    .as(header).isEqualTo(ID);
        }
    }

    @Test
    void acceptsValidSignatureInSecondHeaderValue() {
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(ID),
                "webhook-timestamp", List.of(Long.toString(NOW)),
                "webhook-signature", List.of("v1,bm90IGl0", sign(ID, NOW, BODY)));

        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMultiMap(headers)).id()).isEqualTo(ID);
    }

    @Test
    void ignoresUnknownVersionTags() {
        String valid = sign(ID, NOW, BODY);

        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(headers(ID, NOW, "v2,xxx " + valid))).id())
                .isEqualTo(ID);
        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(headers(ID, NOW, "v1a,xxx v0,!!! " + valid))).id())
                .isEqualTo(ID);
    }

    @Test
    void doesNotAcceptAValidHmacUnderAnotherVersionTag() {
        String hmac = sign(ID, NOW, BODY).substring("v1,".length());

        rejects(headers(ID, NOW, "v2," + hmac + " v1a," + hmac + " V1," + hmac), NO_MATCHING_SIGNATURE);
    }

    @Test
    void rejectsSignatureThatIsNotBase64WithoutFailingOtherwise() {
        rejects(headers(ID, NOW, "v1,***"), NO_MATCHING_SIGNATURE);
        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(headers(ID, NOW, "v1,*** " + sign(ID, NOW, BODY)))).id())
                .isEqualTo(ID);
    }

    @Test
    void verifiesEmptyBody() {
        String signature = SIGNER.sign(ID, NOW, new byte[0]);

        assertThat(VERIFIER.verify("", WebhookHeaders.ofMap(headers(ID, NOW, signature))).id()).isEqualTo(ID);
        assertThat(VERIFIER.verify(new byte[0], WebhookHeaders.ofMap(headers(ID, NOW, signature))).id()).isEqualTo(ID);
        rejects(VERIFIER, " ", headers(ID, NOW, signature), NO_MATCHING_SIGNATURE);
    }

    @Test
    void verifiesNonAsciiBodyAsUtf8StringAndAsBytes() {
        String body = "{\"name\":\"Zoë Ångström\",\"note\":\"✓ 日本語 😀\"}";
        byte[] bytes = body.getBytes(UTF_8);
        String signature = SIGNER.sign(ID, NOW, bytes);
        WebhookHeaders headers = WebhookHeaders.ofMap(headers(ID, NOW, signature));

        assertThat(VERIFIER.verify(body, headers).id()).isEqualTo(ID);
        assertThat(VERIFIER.verify(bytes, headers).id()).isEqualTo(ID);
        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> VERIFIER.verify(body.getBytes(ISO_8859_1), headers))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NO_MATCHING_SIGNATURE));
    }

    @Test
    void matchesHeaderNamesCaseInsensitively() {
        String signature = sign(ID, NOW, BODY);
        Map<String, String> single = Map.of(
                "Webhook-Id", ID,
                "WEBHOOK-TIMESTAMP", Long.toString(NOW),
                "webhook-Signature", signature);
        Map<String, List<String>> multi = Map.of(
                "WEBHOOK-ID", List.of(ID),
                "Webhook-Timestamp", List.of(Long.toString(NOW)),
                "Webhook-Signature", List.of(signature));

        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(single)).id()).isEqualTo(ID);
        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMultiMap(multi)).id()).isEqualTo(ID);
    }

    @Test
    void verifiesSvixHeaderStyle() {
        Map<String, String> headers = SIGNER.headers(HeaderStyle.SVIX, ID, NOW, BODY.getBytes(UTF_8));

        assertThat(headers).containsOnlyKeys("svix-id", "svix-timestamp", "svix-signature");
        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(headers)).id()).isEqualTo(ID);

        Map<String, String> upper = Map.of("Svix-Id", ID, "SVIX-TIMESTAMP", Long.toString(NOW),
                "Svix-Signature", headers.get("svix-signature"));
        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofMap(upper)).id()).isEqualTo(ID);
    }

    @Test
    void svixStyleRejectionsNameSvixHeaders() {
        Map<String, String> headers = new LinkedHashMap<>(SIGNER.headers(HeaderStyle.SVIX, ID, NOW, BODY.getBytes(UTF_8)));
        headers.remove("svix-signature");

        rejects(headers, MISSING_HEADER).withMessageContaining("svix-signature");
        headers.put("svix-signature", sign(ID, NOW, BODY));
        headers.put("svix-timestamp", "soon");
        rejects(headers, MALFORMED_HEADER).withMessageContaining("svix-timestamp");
    }

    @Test
    void lookupHeadersAreReadAsGiven() {
        Map<String, String> headers = validHeaders();

        assertThat(VERIFIER.verify(BODY, WebhookHeaders.ofLookup(headers::get)).id()).isEqualTo(ID);
    }

    @Test
    void rejectionMessagesNeverContainSecretOrExpectedSignature() {
        String expected = sign(ID, NOW, BODY);
        String secretText = SECRET.encoded().substring(WebhookSecret.PREFIX.length());

        Map<String, String> tampered = validHeaders();
        tampered.put("webhook-id", "msg_other");
        String otherExpected = sign("msg_other", NOW, BODY);

        rejects(tampered, NO_MATCHING_SIGNATURE).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain(secretText)
                .doesNotContain(expected.substring(3))
                .doesNotContain(otherExpected.substring(3)));
    }

    @Test
    void builderRejectsBadArguments() {
        assertThatIllegalStateException().isThrownBy(() -> WebhookVerifier.builder().build());
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ZERO))
                .withMessageContaining("tolerance");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookVerifier.builder().tolerance(null))
                .withMessageContaining("tolerance");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookVerifier.builder().clock(null))
                .withMessageContaining("clock");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookVerifier.builder().secret((WebhookSecret) null))
                .withMessageContaining("secret");
    }

    @Test
    void defaultToleranceIsFiveMinutes() {
        assertThat(WebhookVerifier.DEFAULT_TOLERANCE).isEqualTo(Duration.ofMinutes(5));
        assertThat(WebhookVerifier.of(SECRET).toString()).contains("tolerance=300s");
    }
}
