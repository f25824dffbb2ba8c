package io.cactus.webhooks;

import java.time.Instant;

/**
 * The payload of a message was removed by retention ({@link io.cactus.webhooks.delivery.RetentionPolicy#payloads()})
 * while its metadata was kept: its body cannot be read, and its deliveries cannot be sent again.
 * Thrown by {@link WebhookMessage#body()} (and the other body accessors) of such a message and by
 * {@link WebhookAdmin#redeliver}.
 */
public class PayloadExpungedException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The message whose payload is gone. */
    private final String messageId;
    /** When it went. */
    private final Instant expungedAt;

    /**
     * An exception whose message names the message, when its payload was expunged, and what was tried.
     *
     * @param messageId the message id
     * @param expungedAt when the payload was expunged
     * @param what what could not be done, such as {@code "read its body"}
     */
    public PayloadExpungedException(String messageId, Instant expungedAt, String what) {
        super("cannot " + what + ": the payload of message " + messageId + " was expunged by retention at "
                + expungedAt + " (its deliveries and attempts are kept)");
        this.messageId = messageId;
        this.expungedAt = expungedAt;
    }

    /**
     * The message whose payload is gone.
     *
     * @return its id
     */
    public String messageId() {
        return messageId;
    }

    /**
     * When the payload was expunged.
     *
     * @return the instant, by the purging node's clock
     */
    public Instant expungedAt() {
        return expungedAt;
    }
}
