package io.cactus.webhooks.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Signs and verifies random bodies with random secrets. The seed is in every assertion message;
 * rerun a failure with {@code -Dcactus.test.seed=<seed>}.
 */
class RandomisedRoundTripTest {

    private static final int ITERATIONS = 300;
    private static final long NOW = 1_764_411_330L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyz_-";

    @Test
    void signThenVerifySucceedsAndFlippingAnyBodyByteFails() throws Exception {
        long seed = Long.getLong("cactus.test.seed", System.nanoTime());
        Random random = new Random(seed);

        for (int i = 0; i < ITERATIONS; i++) {
            String context = "seed " + seed + ", iteration " + i;
            byte[] key = new byte[24 + random.nextInt(64 - 24 + 1)];
            random.nextBytes(key);
            WebhookSecret secret = WebhookSecret.ofBytes(key);
            byte[] body = randomBody(random);
            String id = randomId(random);
            long timestamp = NOW - 300 + random.nextInt(601);

            String signature = WebhookSigner.of(secret).sign(id, timestamp, body);
            WebhookHeaders headers = WebhookHeaders.ofMap(Map.of(
                    "webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature));
            WebhookVerifier verifier = WebhookVerifier.builder()
                    .secret(WebhookSecret.parse(secret.encoded())).clock(CLOCK).build();

            assertThat(signature).as(context).isEqualTo(referenceSignature(key, id, timestamp, body));
            assertThat(verifier.verify(body, headers).id()).as(context).isEqualTo(id);

            if (body.length > 0) {
                int[] positions = body.length <= 64 ? allPositions(body.length)
                        : new int[] {0, body.length - 1, random.nextInt(body.length)};
                for (int position : positions) {
                    byte[] tampered = body.clone();
                    tampered[position] ^= (byte) (1 + random.nextInt(255));
                    assertThatExceptionOfType(WebhookVerificationException.class)
                            .as("%s, flipped byte %d of %d", context, position, body.length)
                            .isThrownBy(() -> verifier.verify(tampered, headers))
                            .satisfies(e -> assertThat(e.reason()).as(context)
                                    .isEqualTo(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE));
                }
            }
        }
    }

    private static byte[] randomBody(Random random) {
        int length = random.nextInt(4097);
        if (random.nextBoolean()) {
            byte[] body = new byte[length];
            random.nextBytes(body);
            return body;
        }
        // Text, including characters that take 2, 3 and 4 bytes in UTF-8.
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 8) {
                text.append((char) (0xA0 + random.nextInt(0x700)));
            } else if (kind < 9) {
                text.append((char) (0x3040 + random.nextInt(0x5000)));
            } else {
                text.appendCodePoint(0x1F300 + random.nextInt(0x300));
            }
        }
        return text.toString().getBytes(UTF_8);
    }

    private static String randomId(Random random) {
        StringBuilder id = new StringBuilder("msg_");
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private static int[] allPositions(int length) {
        int[] positions = new int[length];
        for (int i = 0; i < length; i++) {
            positions[i] = i;
        }
        return positions;
    }

    /** HMAC-SHA256 written out the plain way, independent of the production code. */
    private static String referenceSignature(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(id.getBytes(UTF_8));
        mac.update((byte) '.');
        mac.update(Long.toString(timestamp).getBytes(UTF_8));
        mac.update((byte) '.');
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
