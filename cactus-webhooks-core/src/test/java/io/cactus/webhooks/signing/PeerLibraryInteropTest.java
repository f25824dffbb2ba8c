package io.cactus.webhooks.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What we sign verifies with the Standard Webhooks and Svix Java libraries, and what they sign
 * verifies with ours. The peers verify against the system clock, so these tests use the current
 * time; our verifier uses its default system clock to match.
 */
class PeerLibraryInteropTest {

    private static final String BODY =
            "{\"type\":\"client.created\",\"timestamp\":\"2026-11-29T10:15:30.123Z\","
            + "\"data\":{\"name\":\"Zoë Ångström ✓ 😀\",\"amount\":12.5}}";
    private static final String ID = "msg_01JDX8Q4S6Z3T2N5M7K9B1C0VW";

    private final WebhookSecret secret = WebhookSecret.generate();
    private final long now = Instant.now().getEpochSecond();

    private static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    private Map<String, List<String>> ourHeaders(HeaderStyle style, WebhookSigner signer, String body) {
        return multi(signer.headers(style, ID, now, body.getBytes(UTF_8)));
    }

    @Test
    void standardWebhooksVerifiesWhatWeSign() throws Exception {
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.STANDARD, WebhookSigner.of(secret), BODY);

        new com.standardwebhooks.Webhook(secret.encoded()).verify(BODY, headers);
    }

    @Test
    void standardWebhooksRejectsWhatWeSignWhenBodyIsTampered() {
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.STANDARD, WebhookSigner.of(secret), BODY);

        assertThatThrownBy(() -> new com.standardwebhooks.Webhook(secret.encoded()).verify(BODY + " ", headers))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void standardWebhooksVerifiesOurRotatedSignaturesWithEitherSecret() throws Exception {
        WebhookSecret old = WebhookSecret.generate();
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.STANDARD, WebhookSigner.of(secret, old), BODY);

        new com.standardwebhooks.Webhook(secret.encoded()).verify(BODY, headers);
        new com.standardwebhooks.Webhook(old.encoded()).verify(BODY, headers);
    }

    @Test
    void standardWebhooksIgnoresOurEd25519Entries() throws Exception {
        WebhookSigner signer = WebhookSigner.of(List.of(secret), List.of(WebhookSigningKey.generate()));
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.STANDARD, signer, BODY);
        assertThat(headers.get("webhook-signature").get(0)).contains(" v1a,");

        new com.standardwebhooks.Webhook(secret.encoded()).verify(BODY, headers);
    }

    @Test
    void standardWebhooksVerifiesOurEmptyBody() throws Exception {
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.STANDARD, WebhookSigner.of(secret), "");

        new com.standardwebhooks.Webhook(secret.encoded()).verify("", headers);
    }

    @Test
    void svixVerifiesWhatWeSignWithWebhookHeaders() throws Exception {
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.STANDARD, WebhookSigner.of(secret), BODY);

        new com.svix.Webhook(secret.encoded()).verify(BODY, headers);
    }

    @Test
    void svixVerifiesWhatWeSignWithSvixHeaders() throws Exception {
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.SVIX, WebhookSigner.of(secret), BODY);
        assertThat(headers).containsOnlyKeys("svix-id", "svix-timestamp", "svix-signature");

        new com.svix.Webhook(secret.encoded()).verify(BODY, headers);
    }

    @Test
    void svixRejectsWhatWeSignWhenIdIsTampered() {
        Map<String, List<String>> headers = ourHeaders(HeaderStyle.SVIX, WebhookSigner.of(secret), BODY);
        headers.put("svix-id", List.of(ID + "X"));

        assertThatThrownBy(() -> new com.svix.Webhook(secret.encoded()).verify(BODY, headers))
                .isInstanceOf(com.svix.exceptions.WebhookVerificationException.class);
    }

    @Test
    void weVerifyWhatStandardWebhooksSigns() throws Exception {
        String signature = new com.standardwebhooks.Webhook(secret.encoded()).sign(ID, now, BODY);
        Map<String, String> headers = Map.of(
                "webhook-id", ID, "webhook-timestamp", Long.toString(now), "webhook-signature", signature);

        VerifiedWebhook verified = WebhookVerifier.of(secret).verify(BODY, WebhookHeaders.ofMap(headers));

        assertThat(verified).isEqualTo(new VerifiedWebhook(ID, Instant.ofEpochSecond(now)));
        assertThat(WebhookVerifier.of(secret).verify(BODY.getBytes(UTF_8), WebhookHeaders.ofMap(headers)).id())
                .isEqualTo(ID);
        assertThat(signature).isEqualTo(WebhookSigner.of(secret).sign(ID, now, BODY.getBytes(UTF_8)));
    }

    @Test
    void weVerifyWhatSvixSignsWithSvixHeaders() throws Exception {
        String signature = new com.svix.Webhook(secret.encoded()).sign(ID, now, BODY);
        Map<String, List<String>> headers = Map.of(
                "svix-id", List.of(ID), "svix-timestamp", List.of(Long.toString(now)),
                "svix-signature", List.of(signature));

        assertThat(WebhookVerifier.of(secret).verify(BODY, WebhookHeaders.ofMultiMap(headers)).id()).isEqualTo(ID);
    }

    @Test
    void weVerifyWhatSvixSignsWithWebhookHeaders() throws Exception {
        String signature = new com.svix.Webhook(secret.encoded()).sign(ID, now, BODY);
        Map<String, String> headers = Map.of(
                "Webhook-Id", ID, "Webhook-Timestamp", Long.toString(now), "Webhook-Signature", signature);

        assertThat(WebhookVerifier.of(secret).verify(BODY, WebhookHeaders.ofMap(headers)).id()).isEqualTo(ID);
    }

    @Test
    void weRejectWhatPeersSignWithAnotherSecret() throws Exception {
        WebhookSecret other = WebhookSecret.generate();
        String signature = new com.standardwebhooks.Webhook(other.encoded()).sign(ID, now, BODY);
        Map<String, String> headers = Map.of(
                "webhook-id", ID, "webhook-timestamp", Long.toString(now), "webhook-signature", signature);

        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> WebhookVerifier.of(secret).verify(BODY, WebhookHeaders.ofMap(headers)))
                .satisfies(e -> assertThat(e.reason())
                        .isEqualTo(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void peersAcceptOurSecretWithoutPrefixAndProduceTheSameSignature() throws Exception {
        String bare = secret.encoded().substring(WebhookSecret.PREFIX.length());
        String ours = WebhookSigner.of(WebhookSecret.parse(bare)).sign(ID, now, BODY.getBytes(UTF_8));

        assertThat(new com.standardwebhooks.Webhook(bare).sign(ID, now, BODY)).isEqualTo(ours);
        assertThat(new com.svix.Webhook(bare).sign(ID, now, BODY)).isEqualTo(ours);
    }
}
