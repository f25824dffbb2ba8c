package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookSigner;
import io.cactus.webhooks.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sign and verify throughput of Cactus Webhooks beside the limit (a bare, reused, pre-keyed
 * {@link Mac} over the same signed bytes) and the two peer libraries, Standard Webhooks 1.2.0 and
 * Svix 1.99.1, in one run so that their ratios can be compared side by side.
 *
 * <p>Every benchmark signs or verifies the same content: {@code id + "." + ts + "." + body}, with
 * the same secret and a JSON body of exactly {@link #bodySize} ASCII bytes. The peers' verify reads
 * the system clock, so every verify (ours too) checks a timestamp taken at trial set-up; a trial
 * lasts well under the 5-minute tolerance.
 *
 * <p>Run: {@code java -jar cactus-webhooks-benchmarks/target/benchmarks.jar SigningBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    /** The spec's test-vector secret: 24 key bytes, like most real whsec_ secrets are 24 or 32. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_2mPQb7XkR4cT9vLw3sYdNf8HjA";

    @Param({"1024", "16384"})
    public int bodySize;

    private long timestamp;
    private byte[] body;
    private String bodyText;

    private WebhookSigner oursSigner;
    private WebhookVerifier oursVerifier;
    private WebhookHeaders oursHeaders;

    private Mac rawMac;
    private byte[] rawPrefix;
    private byte[] rawExpected;

    private com.standardwebhooks.Webhook standard;
    private com.svix.Webhook svix;
    private Map<String, List<String>> standardHeaders;
    private Map<String, List<String>> svixHeaders;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        timestamp = System.currentTimeMillis() / 1000;
        body = jsonBody(bodySize);
        bodyText = new String(body, StandardCharsets.US_ASCII);

        WebhookSecret secret = WebhookSecret.parse(SECRET);
        oursSigner = WebhookSigner.of(secret);
        oursVerifier = WebhookVerifier.builder().secret(secret).clock(Clock.systemUTC()).build();
        String signature = oursSigner.sign(ID, timestamp, body);
        oursHeaders = WebhookHeaders.ofMap(Map.of(
                "webhook-id", ID,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature));

        rawMac = Mac.getInstance("HmacSHA256");
        rawMac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
        rawPrefix = (ID + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        rawExpected = Base64.getDecoder().decode(signature.substring("v1,".length()));

        standard = new com.standardwebhooks.Webhook(SECRET);
        svix = new com.svix.Webhook(SECRET);
        standardHeaders = Map.of(
                "webhook-id", List.of(ID),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(standard.sign(ID, timestamp, bodyText)));
        svixHeaders = Map.of(
                "svix-id", List.of(ID),
                "svix-timestamp", List.of(Long.toString(timestamp)),
                "svix-signature", List.of(svix.sign(ID, timestamp, bodyText)));

        // All five must agree, or the comparison is meaningless.
        String expected = "v1," + Base64.getEncoder().encodeToString(rawMac.doFinal(concat(rawPrefix, body)));
        for (String s : List.of(signature, standardHeaders.get("webhook-signature").get(0),
                svixHeaders.get("svix-signature").get(0), rawSign())) {
            if (!s.equals(expected)) {
                throw new IllegalStateException("signatures differ: " + s + " vs " + expected);
            }
        }
        oursVerify();
        if (!rawVerify()) {
            throw new IllegalStateException("raw verify failed");
        }
        standardVerify();
        svixVerify();
    }

    // --- sign ---

    @Benchmark
    public String oursSign() {
        return oursSigner.sign(ID, timestamp, body);
    }

    /** The limit for sign: HMAC over the pre-built prefix and the body, then base64. */
    @Benchmark
    public String rawSign() {
        rawMac.update(rawPrefix);
        rawMac.update(body);
        return "v1," + Base64.getEncoder().encodeToString(rawMac.doFinal());
    }

    @Benchmark
    public String standardSign() throws Exception {
        return standard.sign(ID, timestamp, bodyText);
    }

    @Benchmark
    public String svixSign() throws Exception {
        return svix.sign(ID, timestamp, bodyText);
    }

    // --- verify ---

    @Benchmark
    public VerifiedWebhook oursVerify() {
        return oursVerifier.verify(body, oursHeaders);
    }

    /** The limit for verify: HMAC over the same bytes, compared in constant time with the decoded signature. */
    @Benchmark
    public boolean rawVerify() {
        rawMac.update(rawPrefix);
        rawMac.update(body);
        return MessageDigest.isEqual(rawMac.doFinal(), rawExpected);
    }

    @Benchmark
    public Map<String, List<String>> standardVerify() throws Exception {
        standard.verify(bodyText, standardHeaders);
        return standardHeaders;
    }

    @Benchmark
    public Map<String, List<String>> svixVerify() throws Exception {
        svix.verify(bodyText, svixHeaders);
        return svixHeaders;
    }

    /** A webhook envelope of exactly {@code size} ASCII bytes: event fields, then a list of items. */
    static byte[] jsonBody(int size) {
        StringBuilder json = new StringBuilder(size + 128);
        json.append("{\"type\":\"client.updated\",\"timestamp\":\"2026-11-29T10:15:30.123Z\",\"data\":{")
                .append("\"clientId\":\"cli_01JDX3K7Q9ZP4M2N8R5T6V7W8Y\",\"name\":\"Cactus Garden Supplies Ltd\",")
                .append("\"email\":\"accounts@cactus-garden.example\",\"items\":[");
        String close = "]}}";
        for (int i = 0; ; i++) {
            String item = (i == 0 ? "" : ",") + "{\"sku\":\"SKU-" + (100000 + i)
                    + "\",\"qty\":" + (i % 7 + 1) + ",\"price\":" + (i * 37 % 1000) + ".99,\"tags\":[\"succulent\",\"indoor\"]}";
            if (json.length() + item.length() + close.length() > size) {
                break;
            }
            json.append(item);
        }
        // Pad inside the last string value so the body stays valid JSON of exactly size bytes.
        json.append(close);
        int missing = size - json.length();
        json.insert(json.indexOf("Ltd") + 3, " ".repeat(missing));
        byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != size) {
            throw new IllegalStateException("body is " + bytes.length + " bytes, wanted " + size);
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
