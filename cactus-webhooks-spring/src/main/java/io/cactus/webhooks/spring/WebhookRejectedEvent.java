package io.cactus.webhooks.spring;

import io.cactus.webhooks.signing.WebhookVerificationException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Published (as a Spring application event) by {@link WebhookVerificationFilter} for every
 * request it refuses, after the response is written: to log, count or show the failures that no
 * handler sees. Listen with {@code @EventListener}. The event is published on the request's
 * thread; a listener that fails is logged and does not change the response.
 *
 * <p>Everything here except {@link #reason()} and {@link #status()} is what the sender claims:
 * unverified, possibly hostile. Keep it short where you store it, escape it where you show it.
 *
 * <p>Immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class WebhookRejectedEvent {

    /** Why a request was refused; the {@code reason} member of the problem response. */
    public enum Reason {
        /** {@link WebhookVerificationException.Reason#MISSING_HEADER}: {@code 401}. */
        MISSING_HEADER,
        /** {@link WebhookVerificationException.Reason#MALFORMED_HEADER}: {@code 401}. */
        MALFORMED_HEADER,
        /** {@link WebhookVerificationException.Reason#TIMESTAMP_TOO_OLD}: {@code 401}. */
        TIMESTAMP_TOO_OLD,
        /** {@link WebhookVerificationException.Reason#TIMESTAMP_TOO_NEW}: {@code 401}. */
        TIMESTAMP_TOO_NEW,
        /** {@link WebhookVerificationException.Reason#NO_MATCHING_SIGNATURE}: {@code 401}. */
        NO_MATCHING_SIGNATURE,
        /** The {@link WebhookSecretResolver} has no secret for the request: {@code 401}. */
        NO_SECRET,
        /** The body is larger than the filter reads: {@code 413}. */
        BODY_TOO_LARGE,
        /** The request path cannot be decoded and normalised one way only: {@code 400}. */
        INVALID_PATH;

        /**
         * The reason for a failed signature check.
         *
         * @param reason why the verifier rejected the request
         * @return the same reason as a refusal
         */
        public static Reason of(WebhookVerificationException.Reason reason) {
            return switch (reason) {
                case MISSING_HEADER -> MISSING_HEADER;
                case MALFORMED_HEADER -> MALFORMED_HEADER;
                case TIMESTAMP_TOO_OLD -> TIMESTAMP_TOO_OLD;
                case TIMESTAMP_TOO_NEW -> TIMESTAMP_TOO_NEW;
                case NO_MATCHING_SIGNATURE -> NO_MATCHING_SIGNATURE;
            };
        }
    }

    private final String path;
    private final int status;
    private final Reason reason;
    private final String detail;
    private final @Nullable String webhookId;
    private final byte[] body;

    WebhookRejectedEvent(String path, int status, Reason reason, String detail, @Nullable String webhookId,
            byte[] body) {
        this.path = Objects.requireNonNull(path, "path");
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.webhookId = webhookId;
        this.body = body.clone();
    }

    /**
     * The path the request was for.
     *
     * @return the normalised path within the application ({@code /webhooks/crm}); for
     *     {@link Reason#INVALID_PATH} the raw request URI, which could not be normalised
     */
    public String path() {
        return path;
    }

    /**
     * The status of the answer the sender got.
     *
     * @return {@code 401}, {@code 413} or {@code 400}
     */
    public int status() {
        return status;
    }

    /**
     * Why the request was refused.
     *
     * @return the reason, as in the problem response's {@code reason} member
     */
    public Reason reason() {
        return reason;
    }

    /**
     * What was wrong, in words.
     *
     * @return the problem response's {@code detail}; never a secret or an expected signature
     */
    public String detail() {
        return detail;
    }

    /**
     * The message id the sender claims.
     *
     * @return the {@code webhook-id} (or {@code svix-id}) header as sent, unverified; null when absent
     */
    public @Nullable String webhookId() {
        return webhookId;
    }

    /**
     * The body the sender sent.
     *
     * @return a copy of the body as read, unverified; empty when it was not read (too large, invalid path)
     */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "WebhookRejectedEvent[path=" + path + ", status=" + status + ", reason=" + reason + "]";
    }
}
