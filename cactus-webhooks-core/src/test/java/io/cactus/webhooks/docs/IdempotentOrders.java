package io.cactus.webhooks.docs;

// tag::idempotent[]
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import java.util.Map;

/** Publishes "order.paid" once per order, however often a retried request asks. */
public final class IdempotentOrders {

    private final Webhooks webhooks;

    public IdempotentOrders(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    public PublishReceipt orderPaid(long orderId, String total) {
        WebhookEvent event = WebhookEvent.builder(EventType.of("order.paid"), Map.of("orderId", orderId, "total", total))
                .idempotencyKey("order-" + orderId + "-paid")     // the business fact, not the request
                .build();
        // a repeat within the window stores nothing: the first receipt, with isDuplicate() true
        return webhooks.publisher().publish(event);
    }
}
// end::idempotent[]
