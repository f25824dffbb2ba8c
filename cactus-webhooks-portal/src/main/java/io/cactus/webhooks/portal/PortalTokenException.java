package io.cactus.webhooks.portal;

import io.cactus.webhooks.WebhookException;
import java.util.Objects;

/**
 * A portal token that was refused, with the {@link Reason}. The message names the reason only:
 * never the token, its signature or the signing key. The portal answers every refusal alike ("link
 * invalid or expired") and logs the reason at DEBUG.
 */
public final class PortalTokenException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** No token, or a blank one. */
        MISSING,
        /** Not {@code v1.<payload>.<signature>}, not base64url, not JSON, or a claim missing or of the wrong type. */
        MALFORMED,
        /** An {@code alg} other than {@code HS256} (including {@code none}). */
        UNSUPPORTED_ALGORITHM,
        /** The signature does not match the payload under this key (tampered, or another key). */
        BAD_SIGNATURE,
        /** Its {@code exp} has passed. */
        EXPIRED,
        /** Its {@code iat} lies in the future beyond the allowed clock skew. */
        NOT_YET_VALID,
        /** Its lifetime ({@code exp - iat}) is longer than the accepted maximum. */
        LIFETIME_TOO_LONG,
        /**
         * Valid, but already exchanged for a session on this node: a portal link opens one session
         * only, so a link found later in a browser's history, a proxy log or a forwarded message
         * opens nothing.
         */
        ALREADY_USED
    }

    /** Why the token was refused. */
    private final Reason reason;

    /**
     * A refusal.
     *
     * @param reason why
     * @param detail a short explanation without the token's text
     */
    public PortalTokenException(Reason reason, String detail) {
        super("portal token refused (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
        this.reason = reason;
    }

    /**
     * Why the token was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
