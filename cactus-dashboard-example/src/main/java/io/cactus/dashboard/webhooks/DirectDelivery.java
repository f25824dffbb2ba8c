package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.EventEncoder;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spi.OutboundMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends an event to one named endpoint, whatever its filters: for "send a test event" and for
 * alerts. {@code Webhooks.publish} picks endpoints by subscription, so this stores the message
 * through the store's SPI with an explicit endpoint list and wakes the dispatcher; signing, retries,
 * the SSRF guard and the deliveries page apply as for any other delivery. No core change needed.
 *
 * <p>Thread-safe.
 */
@Component
public class DirectDelivery {

    private final Webhooks webhooks;
    private final EventEncoder encoder = EventEncoder.defaults();

    DirectDelivery(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * @throws IllegalArgumentException if there is no such endpoint
     */
    public PublishReceipt send(WebhookEvent event, String endpointId) {
        if (webhooks.endpoints().find(endpointId).isEmpty()) {
            throw new IllegalArgumentException("no endpoint '" + endpointId + "'");
        }
        WebhookMessage message = encoder.encode(event);
        webhooks.store().enqueue(List.of(new OutboundMessage(message, List.of(endpointId))));
        webhooks.wake();
        return new PublishReceipt(message.id(), message.type(), List.of(endpointId));
    }
}
