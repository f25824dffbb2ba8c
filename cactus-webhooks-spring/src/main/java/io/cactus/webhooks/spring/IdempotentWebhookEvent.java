package io.cactus.webhooks.spring;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by a {@link PublishAsWebhook} application event that names its own idempotency key:
 * the bridge publishes it with that key, so that publishing the same business fact again (a
 * retried request, a redelivered message from a broker) within the idempotency window
 * ({@code cactus.webhooks.idempotency.window}, default 24 hours) stores nothing new.
 *
 * <pre>{@code
 * @PublishAsWebhook("order.placed")
 * public record OrderPlaced(String orderId, long total) implements IdempotentWebhookEvent {
 *     public String idempotencyKey() {
 *         return "order-placed-" + orderId;
 *     }
 * }
 * }</pre>
 *
 * <p>A method that is not a bean getter ({@code idempotencyKey()}, not {@code getIdempotencyKey()})
 * is not part of the JSON the event is written as; a record component of that name is.
 * Called once per publish, on the publishing thread.
 */
public interface IdempotentWebhookEvent {

    /**
     * The key of this event.
     *
     * @return 1 to 255 characters of printable ASCII ({@link io.cactus.webhooks.IdempotencyKey});
     *     null to publish this instance without a key
     */
    @Nullable String idempotencyKey();
}
