package io.cactus.webhooks.signing;

import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code v1a} signatures: Ed25519 with {@code whsk_} signing keys and {@code whpk_} public keys. */
class Ed25519SignatureTest {

    private static final long NOW = 1_764_411_330L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String ID = "msg_01JDX8Q4S6Z3T2N5M7K9B1C0VW";
    private static final byte[] BODY = "{\"type\":\"client.created\",\"data\":{\"n\":\"Zoë\"}}".getBytes(UTF_8);

    // RFC 8032, section 7.1, TEST 1.
    private static final byte[] RFC_SEED =
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] RFC_PUBLIC =
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    private static WebhookSigner signer(WebhookSigningKey key) {
        return WebhookSigner.of(List.of(), List.of(key));
    }

    private static WebhookVerifier verifier(WebhookPublicKey key) {
        return WebhookVerifier.builder().publicKey(key).clock(CLOCK).build();
    }

    private static WebhookHeaders headers(String signature) {
        return WebhookHeaders.ofMap(Map.of(
                "webhook-id", ID, "webhook-timestamp", Long.toString(NOW), "webhook-signature", signature));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void signsV1aThatVerifiesWithThePublicKey() {
        WebhookSigningKey key = WebhookSigningKey.generate();

        String signature = signer(key).sign(ID, NOW, BODY);

        assertThat(signature).startsWith("v1a,").doesNotContain(" ");
        assertThat(Base64.getDecoder().decode(signature.substring(4))).hasSize(64);
        assertThat(verifier(key.publicKey()).verify(BODY, headers(signature)))
                .isEqualTo(new VerifiedWebhook(ID, Instant.ofEpochSecond(NOW)));
        assertThat(verifier(WebhookPublicKey.parse(key.publicKey().encoded())).verify(BODY, headers(signature)).id())
                .isEqualTo(ID);
    }

    @Test
    void signatureIsPlainEd25519OverIdTimestampAndBody() throws Exception {
        WebhookSigningKey key = WebhookSigningKey.generate();
        byte[] signature = Base64.getDecoder().decode(signer(key).sign(ID, NOW, BODY).substring(4));

        // Verify independently with the JDK from the raw public key bytes (RFC 8410 X.509 prefix).
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100");
        der = Arrays.copyOf(der, der.length + 32);
        System.arraycopy(key.publicKey().keyBytes(), 0, der, 12, 32);
        PublicKey jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(jdkKey);
        jdk.update((ID + "." + NOW + ".").getBytes(UTF_8));
        jdk.update(BODY);

        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void derivesThePublicKeyOfRfc8032TestVector() {
        WebhookSigningKey key = WebhookSigningKey.parse("whsk_" + b64(RFC_SEED));

        assertThat(key.publicKey().keyBytes()).isEqualTo(RFC_PUBLIC);
        assertThat(key.publicKey().encoded()).isEqualTo("whpk_" + b64(RFC_PUBLIC));
    }

    @Test
    void rejectsSignatureFromAnotherKey() {
        WebhookSigningKey key = WebhookSigningKey.generate();
        WebhookSigningKey other = WebhookSigningKey.generate();

        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> verifier(other.publicKey()).verify(BODY, headers(signer(key).sign(ID, NOW, BODY))))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NO_MATCHING_SIGNATURE));
    }

    @Test
    void rejectsTamperedBodyAndId() {
        WebhookSigningKey key = WebhookSigningKey.generate();
        String signature = signer(key).sign(ID, NOW, BODY);
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;

        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> verifier(key.publicKey()).verify(tampered, headers(signature)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NO_MATCHING_SIGNATURE));
        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> verifier(key.publicKey()).verify(BODY, WebhookHeaders.ofMap(Map.of(
                        "webhook-id", ID + "x", "webhook-timestamp", Long.toString(NOW),
                        "webhook-signature", signature))))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NO_MATCHING_SIGNATURE));
    }

    @Test
    void v1aSignatureDoesNotCountAsV1AndWrongShapeIsNoMatch() {
        WebhookSigningKey key = WebhookSigningKey.generate();
        String sig = signer(key).sign(ID, NOW, BODY).substring(4);

        assertThatExceptionOfType(WebhookVerificationException.class)
                .isThrownBy(() -> verifier(key.publicKey()).verify(BODY, headers("v1," + sig + " v1a," + b64(new byte[7]))))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NO_MATCHING_SIGNATURE));
    }

    @Test
    void mixedSignerEmitsV1ThenV1aAndEachVerifierAcceptsItsOwn() {
        WebhookSecret secret = WebhookSecret.generate();
        WebhookSigningKey key = WebhookSigningKey.generate();

        String header = WebhookSigner.of(List.of(secret), List.of(key)).sign(ID, NOW, BODY);

        assertThat(header).matches("v1,[A-Za-z0-9+/=]{44} v1a,[A-Za-z0-9+/=]{88}");
        assertThat(WebhookVerifier.builder().secret(secret).clock(CLOCK).build().verify(BODY, headers(header)).id())
                .isEqualTo(ID);
        assertThat(verifier(key.publicKey()).verify(BODY, headers(header)).id()).isEqualTo(ID);
    }

    @Test
    void signingKeyRoundTripsThroughEncodedForm() {
        WebhookSigningKey key = WebhookSigningKey.generate();

        String encoded = key.encoded();
        WebhookSigningKey parsed = WebhookSigningKey.parse(encoded);

        assertThat(encoded).startsWith("whsk_");
        assertThat(Base64.getDecoder().decode(encoded.substring(5))).hasSize(64);
        assertThat(parsed).isEqualTo(key);
        assertThat(parsed.publicKey()).isEqualTo(key.publicKey());
        assertThat(parsed.encoded()).isEqualTo(encoded);
        assertThat(verifier(key.publicKey()).verify(BODY, headers(signer(parsed).sign(ID, NOW, BODY))).id())
                .isEqualTo(ID);
    }

    @Test
    void publicKeyRoundTripsThroughEncodedForm() {
        WebhookPublicKey key = WebhookSigningKey.generate().publicKey();

        assertThat(key.encoded()).startsWith("whpk_");
        assertThat(WebhookPublicKey.parse(key.encoded())).isEqualTo(key);
        assertThat(WebhookPublicKey.ofBytes(key.keyBytes())).isEqualTo(key);
        assertThat(key.keyBytes()).hasSize(32);
    }

    @Test
    void acceptsThe32ByteSeedForm() {
        WebhookSigningKey full = WebhookSigningKey.generate();
        byte[] raw = Base64.getDecoder().decode(full.encoded().substring(5));

        WebhookSigningKey fromSeed = WebhookSigningKey.parse("whsk_" + b64(Arrays.copyOf(raw, 32)));

        assertThat(fromSeed).isEqualTo(full);
        assertThat(fromSeed.publicKey()).isEqualTo(full.publicKey());
        assertThat(fromSeed.encoded()).isEqualTo(full.encoded());
        assertThat(verifier(full.publicKey()).verify(BODY, headers(signer(fromSeed).sign(ID, NOW, BODY))).id())
                .isEqualTo(ID);
    }

    @Test
    void rejects64ByteKeyWhosePublicHalfDoesNotMatch() {
        byte[] a = Base64.getDecoder().decode(WebhookSigningKey.generate().encoded().substring(5));
        byte[] b = Base64.getDecoder().decode(WebhookSigningKey.generate().encoded().substring(5));
        byte[] mixed = Arrays.copyOf(a, 64);
        System.arraycopy(b, 32, mixed, 32, 32);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSigningKey.parse("whsk_" + b64(mixed)))
                .withMessageContaining("public half");
    }

    @Test
    void rejectsMalformedSigningKeys() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigningKey.parse(null));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigningKey.parse(b64(RFC_SEED)))
                .withMessageContaining("whsk_");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigningKey.parse("whsk_***"))
                .withMessageContaining("base64");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSigningKey.parse("whsk_" + b64(new byte[48])))
                .withMessageContaining("48 bytes");
    }

    @Test
    void rejectsMalformedPublicKeys() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookPublicKey.parse(null));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookPublicKey.parse("whsk_" + b64(RFC_PUBLIC)))
                .withMessageContaining("whpk_");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookPublicKey.parse("whpk_***"));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookPublicKey.parse("whpk_" + b64(new byte[31])));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookPublicKey.ofBytes(new byte[33]))
                .withMessageContaining("33 bytes");
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        WebhookSigningKey key = WebhookSigningKey.generate();
        String seedBase64 = key.encoded().substring(5, 5 + 40);

        assertThat(key.toString()).doesNotContain(seedBase64).doesNotContain(seedBase64.substring(0, 12))
                .contains(key.publicKey().encoded());
    }

    @Test
    void generatedKeysDiffer() {
        assertThat(WebhookSigningKey.generate()).isNotEqualTo(WebhookSigningKey.generate());
    }
}
