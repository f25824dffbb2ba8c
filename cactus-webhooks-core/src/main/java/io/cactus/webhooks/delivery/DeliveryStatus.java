package io.cactus.webhooks.delivery;

/**
 * Where a delivery (one message to one endpoint) stands. A delivery starts PENDING; each claim makes
 * it IN_FLIGHT; each recorded attempt makes it RETRYING or one of the terminal states (or BLOCKED, for an
 * ordered delivery that waits for an operator). Immutable
 * and thread-safe.
 */
public enum DeliveryStatus {
    /** Stored, never attempted, due now or soon. */
    PENDING,
    /** Claimed by a dispatcher under a lease; an attempt is under way. */
    IN_FLIGHT,
    /** Attempted and failed; the next attempt is scheduled. */
    RETRYING,
    /** A receiver answered 2xx. Terminal. */
    SUCCEEDED,
    /** Every attempt failed. Terminal, but can be redelivered by hand. */
    DEAD,
    /** Dropped because its endpoint was disabled or removed. Terminal, can be redelivered. */
    CANCELLED,
    /**
     * The head of an ordering key on an endpoint with
     * {@link io.cactus.webhooks.endpoint.EndpointOrdering#PER_KEY_BLOCK} that used all its attempts:
     * not attempted again, and the later deliveries of its key to that endpoint wait, until an
     * operator redelivers it (it goes again, first of its key) or skips it (it becomes DEAD and the
     * next one goes). Not terminal: it holds its key.
     */
    BLOCKED;

    /**
     * Whether no further attempt happens unless someone redelivers it.
     *
     * @return true for SUCCEEDED, DEAD and CANCELLED
     */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == DEAD || this == CANCELLED;
    }
}
