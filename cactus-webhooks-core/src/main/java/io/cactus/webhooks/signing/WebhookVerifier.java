package io.cactus.webhooks.signing;

import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.MISSING_HEADER;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_NEW;
import static io.cactus.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Standard Webhooks requests on the receiving side: reads the id, timestamp and
 * signature headers ({@code webhook-*}, or {@code svix-*} when those are absent), checks the
 * timestamp against a tolerance (default 5 minutes both ways) and accepts the request if any
 * {@code v1} entry matches any secret, or any {@code v1a} entry matches any public key.
 * Entries with other version tags are ignored. Comparisons are constant-time.
 *
 * <p>Always verify the <em>raw</em> body bytes as received, never a re-serialised object.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {

    /** The default timestamp tolerance, both ways. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final List<HmacSha256> macs;
    private final List<WebhookPublicKey> publicKeys;
    private final long toleranceSeconds;
    private final Clock clock;

    private WebhookVerifier(Builder builder) {
        List<HmacSha256> list = new ArrayList<>();
        for (WebhookSecret secret : builder.secrets) {
            list.add(new HmacSha256(secret.key()));
        }
        this.macs = List.copyOf(list);
        this.publicKeys = List.copyOf(builder.publicKeys);
        this.toleranceSeconds = builder.tolerance.getSeconds();
        this.clock = builder.clock;
    }

    /**
     * A verifier for one secret with the default tolerance and the system clock.
     *
     * @param secret the endpoint's secret
     * @return the verifier
     * @throws IllegalArgumentException if the secret is null
     */
    public static WebhookVerifier of(WebhookSecret secret) {
        return builder().secret(secret).build();
    }

    /**
     * A verifier for one secret in its text form {@code whsec_...}.
     *
     * @param secret the secret's text, as {@link WebhookSecret#parse(String)} reads it
     * @return the verifier
     * @throws IllegalArgumentException if the text is not a valid secret
     */
    public static WebhookVerifier of(String secret) {
        return of(WebhookSecret.parse(secret));
    }

    /**
     * A builder with the default tolerance and the system clock, and no secret yet.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a body given as text; it is encoded as UTF-8, as it was sent. Prefer
     * {@link #verify(byte[], WebhookHeaders)} with the raw bytes when the framework offers them.
     *
     * @param body the request body as text
     * @param headers the request headers
     * @return the verified id and timestamp
     * @throws NullPointerException if an argument is null
     * @throws WebhookVerificationException with the reason, if the request is not authentic
     */
    public VerifiedWebhook verify(String body, WebhookHeaders headers) {
        Objects.requireNonNull(body, "body");
        return verify(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Verifies one request. The first check that fails decides the reason: the three headers are
     * present, the timestamp is a whole number of seconds within the tolerance of this verifier's
     * clock, and the signature header has an entry that matches (one without any
     * {@code <version>,<base64>} entry is {@code MALFORMED_HEADER}).
     *
     * @param body the raw request body
     * @param headers the request headers
     * @return the verified id and timestamp
     * @throws NullPointerException if an argument is null
     * @throws WebhookVerificationException with the reason, if the request is not authentic
     */
    public VerifiedWebhook verify(byte[] body, WebhookHeaders headers) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
        String standardId = headers.first(HeaderStyle.STANDARD.idHeader());
        HeaderStyle style = standardId == null
                && headers.first(HeaderStyle.SVIX.idHeader()) != null ? HeaderStyle.SVIX : HeaderStyle.STANDARD;
        String id = required(style == HeaderStyle.STANDARD ? standardId : headers.first(style.idHeader()),
                style.idHeader());
        String timestampText = required(headers.first(style.timestampHeader()), style.timestampHeader());
        List<String> signatureValues = headers.values(style.signatureHeader());
        if (allBlank(signatureValues)) {
            throw new WebhookVerificationException(MISSING_HEADER,
                    "missing " + style.signatureHeader() + " header");
        }

        long timestamp = parseTimestamp(timestampText, style);
        long now = clock.instant().getEpochSecond();
        if (now - timestamp > toleranceSeconds) {
            throw new WebhookVerificationException(TIMESTAMP_TOO_OLD, style.timestampHeader() + " is "
                    + (now - timestamp) + " s in the past; the tolerance is " + toleranceSeconds + " s");
        }
        if (timestamp - now > toleranceSeconds) {
            throw new WebhookVerificationException(TIMESTAMP_TOO_NEW, style.timestampHeader() + " is "
                    + (timestamp - now) + " s in the future; the tolerance is " + toleranceSeconds + " s");
        }

        byte[] prefix = HmacSha256.signedPrefix(id, timestamp);
        byte[][] expected = null; // computed lazily, once per secret
        int entries = 0;
        for (String value : signatureValues) {
            // Entries are separated by single spaces. Scanned by hand rather than split(" "): on a
            // 1 KiB body the split and substrings cost a visible share of the HMAC itself.
            for (int start = 0, end; start <= value.length(); start = end + 1) {
                end = value.indexOf(' ', start);
                if (end < 0) {
                    end = value.length();
                }
                int comma = value.indexOf(',', start);
                if (comma <= start || comma >= end) {
                    continue;
                }
                entries++;
                int versionLength = comma - start;
                boolean v1 = versionLength == 2 && value.startsWith("v1", start);
                boolean v1a = versionLength == 3 && value.startsWith("v1a", start);
                if (!v1 && !v1a) {
                    continue;
                }
                byte[] signature = decode(value.substring(comma + 1, end));
                if (signature == null) {
                    continue;
                }
                if (v1) {
                    if (expected == null) {
                        expected = new byte[macs.size()][];
                        for (int i = 0; i < macs.size(); i++) {
                            expected[i] = macs.get(i).mac(prefix, body, 0, body.length);
                        }
                    }
                    for (byte[] candidate : expected) {
                        if (MessageDigest.isEqual(candidate, signature)) {
                            return new VerifiedWebhook(id, Instant.ofEpochSecond(timestamp));
                        }
                    }
                } else {
                    for (WebhookPublicKey key : publicKeys) {
                        if (ed25519Verifies(key, prefix, body, signature)) {
                            return new VerifiedWebhook(id, Instant.ofEpochSecond(timestamp));
                        }
                    }
                }
            }
        }
        if (entries == 0) {
            throw new WebhookVerificationException(MALFORMED_HEADER, style.signatureHeader()
                    + " has no entry of the form '<version>,<base64>'");
        }
        throw new WebhookVerificationException(NO_MATCHING_SIGNATURE,
                "no signature in " + style.signatureHeader() + " matches (message " + id + ")");
    }

    private static String required(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException(MISSING_HEADER, "missing " + name + " header");
        }
        return value.strip();
    }

    private static long parseTimestamp(String text, HeaderStyle style) {
        if (text.length() > 18 || !allDigits(text)) {
            throw new WebhookVerificationException(MALFORMED_HEADER, style.timestampHeader()
                    + " is not a whole number of Unix seconds");
        }
        return Long.parseLong(text);
    }

    private static boolean allBlank(List<String> values) {
        for (String value : values) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte @Nullable [] decode(String base64) {
        try {
            return BASE64.decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean ed25519Verifies(WebhookPublicKey key, byte[] prefix, byte[] body, byte[] sig) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.key());
            verifier.update(prefix);
            verifier.update(body);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false; // a signature of the wrong shape is simply not a match
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[secrets=" + macs.size() + ", publicKeys=" + publicKeys.size()
                + ", tolerance=" + toleranceSeconds + "s]";
    }

    /** Builds a {@link WebhookVerifier}. Not thread-safe. */
    public static final class Builder {

        private final List<WebhookSecret> secrets = new ArrayList<>();
        private final List<WebhookPublicKey> publicKeys = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Adds a secret; add several while a secret is being rotated.
         *
         * @param secret the secret
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder secret(WebhookSecret secret) {
            if (secret == null) {
                throw new IllegalArgumentException("secret must not be null");
            }
            secrets.add(secret);
            return this;
        }

        /**
         * Adds a secret in its text form {@code whsec_...}.
         *
         * @param secret the secret's text
         * @return this builder
         * @throws IllegalArgumentException if the text is not a valid secret
         */
        public Builder secret(String secret) {
            return secret(WebhookSecret.parse(secret));
        }

        /**
         * Adds an Ed25519 public key for {@code v1a} signatures.
         *
         * @param key the sender's public key
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder publicKey(WebhookPublicKey key) {
            if (key == null) {
                throw new IllegalArgumentException("publicKey must not be null");
            }
            publicKeys.add(key);
            return this;
        }

        /**
         * How far the timestamp may be from now, either way; default
         * {@link WebhookVerifier#DEFAULT_TOLERANCE}. Whole seconds count; a fraction is dropped.
         *
         * @param tolerance at least 1 second
         * @return this builder
         * @throws IllegalArgumentException if null or under 1 second
         */
        public Builder tolerance(Duration tolerance) {
            if (tolerance == null || tolerance.getSeconds() < 1) {
                throw new IllegalArgumentException("tolerance must be at least 1 second, was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * The clock that says what "now" is; default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return a new, immutable verifier
         * @throws IllegalStateException if neither a secret nor a public key was given
         */
        public WebhookVerifier build() {
            if (secrets.isEmpty() && publicKeys.isEmpty()) {
                throw new IllegalStateException("a verifier needs at least one secret or public key");
            }
            return new WebhookVerifier(this);
        }
    }
}
