package io.cactus.webhooks.delivery;

/**
 * Why an attempt got no usable answer from its receiver. Each kind is either transient (the
 * retry policy may try again) or permanent (trying again cannot help: the delivery ends at once).
 * Immutable and thread-safe.
 */
public enum FailureKind {
    /** The attempt's time budget ran out (connecting, sending, waiting or reading). */
    TIMEOUT(false, "timeout"),
    /** The connection was refused, or no route to the host. */
    CONNECT(false, "connection refused"),
    /** The host name could not be resolved. */
    DNS(false, "unknown host"),
    /** The TLS handshake failed (certificate, protocol). */
    TLS(false, "TLS error"),
    /** The connection was reset or closed before a whole response arrived. */
    DISCONNECTED(false, "connection reset / disconnected mid-response"),
    /** The receiver's bytes were not a valid HTTP response (or its headers were too large). */
    INVALID_RESPONSE(false, "invalid response"),
    /** Another I/O error. */
    IO(false, "I/O error"),
    /** The transport was closed (the dispatcher is stopping) while the attempt was under way. */
    CANCELLED(false, "cancelled: transport closed"),
    /** The network policy refused the address (SSRF guard): permanent. */
    ADDRESS_REFUSED(true, "address not allowed"),
    /** The request could not be built (an invalid URL or header value): permanent. */
    INVALID_REQUEST(true, "invalid request"),
    /** The message could not be signed (an unusable secret): permanent. */
    SIGNING(true, "could not sign"),
    /** The endpoint was disabled or removed before the attempt; nothing was sent: permanent. */
    ENDPOINT_UNAVAILABLE(true, "endpoint disabled or removed");

    private final boolean permanent;
    private final String label;

    FailureKind(boolean permanent, String label) {
        this.permanent = permanent;
        this.label = label;
    }

    /**
     * Whether trying again cannot help, so the delivery ends after this attempt.
     *
     * @return true for the permanent kinds
     */
    public boolean isPermanent() {
        return permanent;
    }

    /**
     * A short lower-case text for logs and the attempt log.
     *
     * @return the label, such as {@code timeout}
     */
    public String label() {
        return label;
    }
}
