package io.cactus.webhooks;

/**
 * What a publish did with an event, told by its {@link PublishReceipt#outcome()}.
 */
public enum PublishOutcome {

    /** The event was stored now: a new message and its deliveries. */
    STORED,

    /**
     * Nothing was stored: an earlier publish with the same {@link IdempotencyKey} is within the
     * idempotency window, and the receipt is that publish's (its message id, type and endpoints).
     */
    DUPLICATE
}
