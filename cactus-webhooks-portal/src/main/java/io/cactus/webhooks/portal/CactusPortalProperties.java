package io.cactus.webhooks.portal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The consumer portal's settings, under {@code cactus.webhooks.portal}. Each setter checks its value
 * and names the property when it refuses one. Not thread-safe while Boot binds it; read-only after.
 * {@link #toString()} never shows the signing key.
 */
@ConfigurationProperties("cactus.webhooks.portal")
public class CactusPortalProperties {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    /** The longest session the portal keeps. */
    static final Duration MAX_SESSION_TTL = Duration.ofHours(24);

    /** Whether the portal's pages and JSON API are mounted. */
    private boolean enabled = false;

    /** Where the portal is mounted: one or more path segments, starting with a slash, no trailing slash. */
    private String path = "/webhooks-portal";

    /** Key that signs portal tokens (HMAC-SHA256), at least 32 bytes as UTF-8; required when enabled. Never logged. */
    private @Nullable String signingKey;

    /** Lifetime of a portal token issued without one (1s to 24h). */
    private Duration tokenTtl = Duration.ofMinutes(15);

    /** Lifetime of a portal session started by a token (1m to 24h). */
    private Duration sessionTtl = Duration.ofMinutes(30);

    /**
     * Whether the portal is mounted.
     *
     * @return the flag
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Mounts the portal, or not.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The mount path.
     *
     * @return such as {@code /webhooks-portal}
     */
    public String getPath() {
        return path;
    }

    /**
     * Sets the mount path.
     *
     * @param path one or more segments of letters, digits and {@code . _ ~ -}, each after a slash
     * @throws IllegalArgumentException if it is not such a path
     */
    public void setPath(String path) {
        if (path == null || !PATH.matcher(path).matches() || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException("cactus.webhooks.portal.path must be like /webhooks-portal (segments of"
                    + " letters, digits and . _ ~ -, no trailing slash), was '" + path + "'");
        }
        this.path = path;
    }

    /**
     * The signing key.
     *
     * @return the key, or null when not set
     */
    public @Nullable String getSigningKey() {
        return signingKey;
    }

    /**
     * Sets the signing key.
     *
     * @param signingKey at least {@link PortalTokens#MIN_KEY_BYTES} bytes in UTF-8, or null or blank for none
     * @throws IllegalArgumentException if it is set but shorter; the message does not show it
     */
    public void setSigningKey(@Nullable String signingKey) {
        if (signingKey != null && !signingKey.isBlank()
                && signingKey.getBytes(StandardCharsets.UTF_8).length < PortalTokens.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("cactus.webhooks.portal.signing-key must have at least "
                    + PortalTokens.MIN_KEY_BYTES + " bytes, had " + signingKey.getBytes(StandardCharsets.UTF_8).length);
        }
        this.signingKey = signingKey == null || signingKey.isBlank() ? null : signingKey;
    }

    /**
     * The default token lifetime.
     *
     * @return the lifetime
     */
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    /**
     * Sets the default token lifetime.
     *
     * @param tokenTtl 1 s to {@link PortalTokens#MAX_TTL}
     * @throws IllegalArgumentException if out of range
     */
    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = range("token-ttl", tokenTtl, Duration.ofSeconds(1), PortalTokens.MAX_TTL);
    }

    /**
     * The session lifetime.
     *
     * @return the lifetime
     */
    public Duration getSessionTtl() {
        return sessionTtl;
    }

    /**
     * Sets the session lifetime.
     *
     * @param sessionTtl 1 min to 24 h
     * @throws IllegalArgumentException if out of range
     */
    public void setSessionTtl(Duration sessionTtl) {
        this.sessionTtl = range("session-ttl", sessionTtl, Duration.ofMinutes(1), MAX_SESSION_TTL);
    }

    private static Duration range(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("cactus.webhooks.portal." + name + " must be between " + min + " and "
                    + max + ", was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "CactusPortalProperties[enabled=" + enabled + ", path=" + path + ", signingKey="
                + (signingKey == null ? "unset" : "(set)") + ", tokenTtl=" + tokenTtl + ", sessionTtl=" + sessionTtl + "]";
    }
}
