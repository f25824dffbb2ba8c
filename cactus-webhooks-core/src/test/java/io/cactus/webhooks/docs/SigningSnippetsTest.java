package io.cactus.webhooks.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookSigner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/signing.md's Java receivers, run against the specification's test vector and fresh requests. */
class SigningSnippetsTest {

    // the specification's test vector, as docs/signing.md shows it
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static Map<String, List<String>> vectorHeaders() {
        return Map.of("webhook-id", List.of(ID), "webhook-timestamp", List.of(Long.toString(TIMESTAMP)),
                "webhook-signature", List.of(SIGNATURE));
    }

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static Map<String, List<String>> signedNow(byte[] body, WebhookSecret... secrets) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        WebhookSigner.of(secrets).headers(HeaderStyle.STANDARD, "msg_2CW6YDFKQ8C7B9TSD0X4ZP1M3E",
                Instant.now().getEpochSecond(), body).forEach((k, v) -> headers.put(k, List.of(v)));
        return headers;
    }

    @Test
    void theTestVectorOfTheDocIsWhatOurSignerProduces() {
        String signed = WebhookSigner.of(WebhookSecret.parse(SECRET)).sign(ID, TIMESTAMP, BODY.getBytes(UTF_8));
        assertThat(signed).isEqualTo(SIGNATURE);
        String doc = DocFiles.read(DocFiles.root(), Path.of("docs", "signing.md"));
        assertThat(doc).contains("webhook-id: " + ID, "webhook-timestamp: " + TIMESTAMP,
                "webhook-signature: " + SIGNATURE, BODY, "`" + SECRET + "`");
    }

    @Test
    void receiverAcceptsTheTestVectorOnceAndRejectsTamperingAndStaleness() {
        List<String> handled = new ArrayList<>();
        WebhookReceiver receiver = new WebhookReceiver(SECRET, at(TIMESTAMP), body -> handled.add(new String(body, UTF_8)));

        assertThat(receiver.receive(BODY.getBytes(UTF_8), vectorHeaders())).isEqualTo(204);
        assertThat(receiver.receive(BODY.getBytes(UTF_8), vectorHeaders())).as("a repeat").isEqualTo(204);
        assertThat(handled).containsExactly(BODY);

        assertThat(receiver.receive("{\"test\": 2432232315}".getBytes(UTF_8), vectorHeaders())).isEqualTo(401);
        assertThat(receiver.receive(BODY.getBytes(UTF_8), Map.of())).isEqualTo(401);
        WebhookReceiver later = new WebhookReceiver(SECRET, at(TIMESTAMP + 301), body -> handled.add("late"));
        assertThat(later.receive(BODY.getBytes(UTF_8), vectorHeaders())).isEqualTo(401);
        WebhookReceiver earlier = new WebhookReceiver(SECRET, at(TIMESTAMP - 301), body -> handled.add("early"));
        assertThat(earlier.receive(BODY.getBytes(UTF_8), vectorHeaders())).isEqualTo(401);
        assertThat(handled).containsExactly(BODY);
    }

    @Test
    void bothReceiversAcceptAFreshRequestSignedWithTwoSecretsWithEitherSecret() throws Exception {
        WebhookSecret newer = WebhookSecret.generate();
        WebhookSecret older = WebhookSecret.generate();
        byte[] body = "{\"type\":\"order.created\",\"data\":{\"note\":\"Grüße, ☃\"}}".getBytes(UTF_8);
        Map<String, List<String>> headers = signedNow(body, newer, older);
        byte[] tampered = "{\"type\":\"order.created\",\"data\":{\"note\":\"Grüsse, ☃\"}}".getBytes(UTF_8);

        for (WebhookSecret secret : List.of(newer, older)) {
            assertThat(new WebhookReceiver(secret.encoded(), Clock.systemUTC(), b -> { }).receive(body, headers))
                    .isEqualTo(204);
            assertThat(new StandardReceiver(secret.encoded()).isAuthentic(body, headers)).isTrue();
            assertThat(new StandardReceiver(secret.encoded()).isAuthentic(tampered, headers)).isFalse();
        }
        String other = WebhookSecret.generate().encoded();
        assertThat(new WebhookReceiver(other, Clock.systemUTC(), b -> { }).receive(body, headers)).isEqualTo(401);
        assertThat(new StandardReceiver(other).isAuthentic(body, headers)).isFalse();
        assertThat(new StandardReceiver(newer.encoded()).isAuthentic(body, Map.of())).isFalse();
    }
}
