package io.cactus.webhooks;

import java.util.List;
import java.util.Objects;

/**
 * Proof that an event is stored: from here on it is delivered to each listed endpoint or
 * recorded as failed, even if the process dies (with a durable store, and for an event published in
 * a transaction once that commits). Immutable and thread-safe.
 *
 * <p>For an event with an {@link IdempotencyKey} published again within the window, the receipt is
 * the first publish's (its message id, type and endpoints) with the outcome
 * {@link PublishOutcome#DUPLICATE}: nothing new was stored.
 *
 * @param messageId the message id, sent as {@code webhook-id}
 * @param type the event type
 * @param endpointIds the endpoints it goes to, one delivery each; empty when no endpoint subscribes
 *     to the type; unmodifiable
 * @param outcome whether this publish stored the message or found it stored by an earlier one
 */
public record PublishReceipt(String messageId, EventType type, List<String> endpointIds, PublishOutcome outcome) {

    /**
     * Copies the endpoint list.
     *
     * @param messageId the message id
     * @param type the event type
     * @param endpointIds the endpoints; copied
     * @param outcome stored now or a duplicate
     * @throws NullPointerException if {@code endpointIds} or {@code outcome} is null, or the list holds null
     */
    public PublishReceipt {
        endpointIds = List.copyOf(endpointIds);
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The receipt of an event stored now ({@link PublishOutcome#STORED}).
     *
     * @param messageId the message id
     * @param type the event type
     * @param endpointIds the endpoints; copied
     * @throws NullPointerException if {@code endpointIds} is null or holds null
     */
    public PublishReceipt(String messageId, EventType type, List<String> endpointIds) {
        this(messageId, type, endpointIds, PublishOutcome.STORED);
    }

    /**
     * Whether nothing was stored because an earlier publish with the same key is within the window.
     *
     * @return true when {@link #outcome()} is {@link PublishOutcome#DUPLICATE}
     */
    public boolean isDuplicate() {
        return outcome == PublishOutcome.DUPLICATE;
    }

    /**
     * This receipt as the answer to a later publish of the same key.
     *
     * @return a copy with the outcome {@link PublishOutcome#DUPLICATE}
     */
    public PublishReceipt asDuplicate() {
        return new PublishReceipt(messageId, type, endpointIds, PublishOutcome.DUPLICATE);
    }
}
