package io.cactus.webhooks.portal;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.portal.PortalTokenException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues and verifies portal tokens: short-lived, HMAC-SHA256-signed links that open one tenant's
 * portal. The host application issues a token for a tenant after its own authentication (the
 * portal never authenticates a user itself), and sends the user to {@link #link(URI, TenantId)}.
 *
 * <p>Format: {@code v1.} + base64url (no padding) of the JSON {@code {"alg":"HS256","tenant":...,
 * "iat":<epoch seconds>,"exp":<epoch seconds>,"jti":<random>}} + {@code .} + base64url of
 * HMAC-SHA256 over everything before the second dot, keyed with the signing key. Verification
 * compares signatures in constant time and refuses (with a {@link PortalTokenException.Reason}) a
 * missing or malformed token, any {@code alg} but {@code HS256} (including {@code none}), a bad
 * signature, an expired token, one issued in the future (beyond {@link #CLOCK_SKEW}), and one whose
 * lifetime exceeds the maximum.
 *
 * <p>Thread-safe. The signing key is copied and never shown by {@link #toString()}, a log line or an
 * exception; nor is a token.
 */
public final class PortalTokens {

    /** The least signing key length, in bytes. */
    public static final int MIN_KEY_BYTES = 32;
    /** The longest lifetime a token may have, issued or accepted. */
    public static final Duration MAX_TTL = Duration.ofHours(24);
    /** The lifetime of {@link #issue(TenantId)} unless configured otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** How far in the future a token's issue time may lie (clocks of several nodes disagree a little). */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String VERSION = "v1";
    private static final String ALG = "HS256";
    private static final String HMAC = "HmacSHA256";
    /** Well above any real token (a 64-character tenant gives about 250): a bound on what is parsed. */
    private static final int MAX_TOKEN_CHARS = 1024;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration defaultTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Tokens signed with the key, lasting {@link #DEFAULT_TTL} by default, on the system clock.
     *
     * @param signingKey at least {@link #MIN_KEY_BYTES} bytes; copied
     * @throws IllegalArgumentException if the key is shorter
     */
    public PortalTokens(byte[] signingKey) {
        this(signingKey, DEFAULT_TTL, Clock.systemUTC());
    }

    /**
     * Tokens signed with the key.
     *
     * @param signingKey at least {@link #MIN_KEY_BYTES} bytes; copied
     * @param defaultTtl the lifetime {@link #issue(TenantId)} gives: positive, at most {@link #MAX_TTL}
     * @param clock the time of issue and of verification
     * @throws IllegalArgumentException if the key is too short or the lifetime out of range, naming which
     */
    public PortalTokens(byte[] signingKey, Duration defaultTtl, Clock clock) {
        Objects.requireNonNull(signingKey, "signingKey");
        if (signingKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("signingKey must have at least " + MIN_KEY_BYTES + " bytes, had "
                    + signingKey.length);
        }
        this.key = new SecretKeySpec(signingKey.clone(), HMAC);
        this.defaultTtl = checkTtl("defaultTtl", defaultTtl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a token for the tenant with the default lifetime.
     *
     * @param tenant the tenant whose portal it opens
     * @return the token, URL-safe
     */
    public String issue(TenantId tenant) {
        return issue(tenant, defaultTtl);
    }

    /**
     * Issues a token for the tenant.
     *
     * @param tenant the tenant whose portal it opens
     * @param ttl how long it is accepted: positive, at most {@link #MAX_TTL}
     * @return the token, URL-safe
     * @throws IllegalArgumentException if the lifetime is out of range
     */
    public String issue(TenantId tenant, Duration ttl) {
        Objects.requireNonNull(tenant, "tenant");
        checkTtl("ttl", ttl);
        long iat = clock.instant().getEpochSecond();
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("alg", ALG);
        claims.put("tenant", tenant.value());
        claims.put("iat", iat);
        claims.put("exp", iat + Math.max(1, ttl.toSeconds()));
        claims.put("jti", B64.encodeToString(jti));
        String signed = VERSION + "." + B64.encodeToString(json.writeValueAsBytes(claims));
        return signed + "." + B64.encodeToString(mac(signed));
    }

    /**
     * The link that opens the tenant's portal: {@code <portalBase>/login?token=<a new token>}.
     *
     * @param portalBase the portal's absolute base, such as {@code https://app.example.com/webhooks-portal}
     * @param tenant the tenant
     * @return the link, with a token of the default lifetime
     * @throws IllegalArgumentException if the base is not absolute or has a query or fragment
     */
    public URI link(URI portalBase, TenantId tenant) {
        Objects.requireNonNull(portalBase, "portalBase");
        if (!portalBase.isAbsolute() || portalBase.getRawQuery() != null || portalBase.getRawFragment() != null) {
            throw new IllegalArgumentException("portalBase must be an absolute URI without query or fragment, was "
                    + portalBase);
        }
        String base = portalBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/login?token=" + issue(tenant));
    }

    /**
     * Verifies a token: format, algorithm, signature and times. It does not mark the token used and
     * never throws {@link Reason#ALREADY_USED}; the portal's login does that, so that a link opens
     * one session only.
     *
     * @param token the token, or null
     * @return what it says, when every check passes
     * @throws PortalTokenException with the reason, when a check fails; its message holds no part of the token
     */
    public PortalToken verify(@Nullable String token) {
        if (token == null || token.isBlank()) {
            throw new PortalTokenException(Reason.MISSING, "no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new PortalTokenException(Reason.MALFORMED, "longer than " + MAX_TOKEN_CHARS + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0
                || !token.substring(0, first).equals(VERSION)) {
            throw new PortalTokenException(Reason.MALFORMED, "not v1.<payload>.<signature>");
        }
        JsonNode claims = claims(token.substring(first + 1, second));
        JsonNode alg = claims.get("alg");
        if (alg == null || !alg.isString() || !ALG.equals(alg.asString())) {
            throw new PortalTokenException(Reason.UNSUPPORTED_ALGORITHM, "alg must be " + ALG);
        }
        byte[] signature;
        try {
            signature = B64D.decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new PortalTokenException(Reason.MALFORMED, "signature is not base64url");
        }
        if (!MessageDigest.isEqual(mac(token.substring(0, second)), signature)) {
            throw new PortalTokenException(Reason.BAD_SIGNATURE, "signature does not match");
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(text(claims, "tenant"));
        } catch (IllegalArgumentException e) {
            throw new PortalTokenException(Reason.MALFORMED, "tenant is not a valid tenant id");
        }
        Instant iat = Instant.ofEpochSecond(seconds(claims, "iat"));
        Instant exp = Instant.ofEpochSecond(seconds(claims, "exp"));
        String jti = text(claims, "jti");
        if (!exp.isAfter(iat)) {
            throw new PortalTokenException(Reason.MALFORMED, "exp is not after iat");
        }
        if (Duration.between(iat, exp).compareTo(MAX_TTL) > 0) {
            throw new PortalTokenException(Reason.LIFETIME_TOO_LONG, "lifetime longer than " + MAX_TTL);
        }
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(CLOCK_SKEW))) {
            throw new PortalTokenException(Reason.NOT_YET_VALID, "issued in the future");
        }
        if (!now.isBefore(exp)) {
            throw new PortalTokenException(Reason.EXPIRED, "expired");
        }
        return new PortalToken(tenant, iat, exp, jti);
    }

    private JsonNode claims(String payload) {
        try {
            JsonNode node = json.readTree(B64D.decode(payload));
            if (node == null || !node.isObject()) {
                throw new PortalTokenException(Reason.MALFORMED, "payload is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | JacksonException e) {
            throw new PortalTokenException(Reason.MALFORMED, "payload is not base64url JSON");
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode v = claims.get(name);
        if (v == null || !v.isString() || v.asString().isEmpty()) {
            throw new PortalTokenException(Reason.MALFORMED, name + " missing or not a string");
        }
        return v.asString();
    }

    private static long seconds(JsonNode claims, String name) {
        JsonNode v = claims.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new PortalTokenException(Reason.MALFORMED, name + " missing or not an integer");
        }
        long s = v.asLong();
        if (s < 0 || s > Instant.MAX.getEpochSecond()) {
            throw new PortalTokenException(Reason.MALFORMED, name + " out of range");
        }
        return s;
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Duration checkTtl(String name, Duration ttl) {
        Objects.requireNonNull(ttl, name);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most " + MAX_TTL + ", was " + ttl);
        }
        return ttl;
    }

    @Override
    public String toString() {
        return "PortalTokens[HS256, default ttl " + defaultTtl + "]";
    }
}
