package io.cactus.webhooks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import org.junit.jupiter.api.Test;

/** The snippet of docs/dispatching.md's "Idempotent publishing" does what the text says. */
class IdempotentOrdersTest {

    @Test
    void payingAnOrderTwicePublishesOneWebhook() {
        try (Webhooks webhooks = Webhooks.builder()
                .endpoint(Endpoint.builder("billing", "https://billing.example.com/hook").build()).build()) {
            IdempotentOrders orders = new IdempotentOrders(webhooks);
            PublishReceipt first = orders.orderPaid(42, "10.00");
            PublishReceipt retried = orders.orderPaid(42, "10.00");

            assertThat(first.outcome()).isEqualTo(PublishOutcome.STORED);
            assertThat(retried.outcome()).isEqualTo(PublishOutcome.DUPLICATE);
            assertThat(retried.messageId()).isEqualTo(first.messageId());
            assertThat(orders.orderPaid(43, "10.00").outcome()).isEqualTo(PublishOutcome.STORED);
        }
    }
}
