package io.cactus.webhooks.signing;

import io.cactus.webhooks.WebhookException;

/**
 * A request that failed verification, with the {@link Reason}. The message says what was wrong
 * (which header, how far off the clock) and never contains a secret or an expected signature.
 */
public class WebhookVerificationException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** Why a request was rejected. */
    public enum Reason {
        /** The id, timestamp or signature header is absent or empty. */
        MISSING_HEADER,
        /** A header is present but cannot be read (timestamp not a number, no signature entries). */
        MALFORMED_HEADER,
        /** The timestamp is older than the tolerance allows: possibly a replay. */
        TIMESTAMP_TOO_OLD,
        /** The timestamp is further in the future than the tolerance allows. */
        TIMESTAMP_TOO_NEW,
        /** No signature in the header matches any configured secret or key. */
        NO_MATCHING_SIGNATURE
    }

    /** Why the request was rejected. */
    private final Reason reason;

    /**
     * A rejection.
     *
     * @param reason why
     * @param message what was wrong, for a log; never a secret or an expected signature
     */
    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Why the request was rejected, to map to a response or a metric.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
