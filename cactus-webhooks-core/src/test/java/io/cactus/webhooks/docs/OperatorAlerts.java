package io.cactus.webhooks.docs;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.operational.OperationalEvent;
import io.cactus.webhooks.operational.OperationalEventType;
import io.cactus.webhooks.operational.OperationalEvents;
import io.cactus.webhooks.signing.WebhookSecret;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** docs/operational-events.md: an operator endpoint, and the same events heard in the application. */
final class OperatorAlerts {

    final List<String> alerts = new CopyOnWriteArrayList<>();

    Webhooks build(String opsUrl, String ordersUrl, NetworkPolicy policy) {
        // tag::operational[]
        Webhooks webhooks = Webhooks.builder()
                .endpoint(Endpoint.builder("orders", ordersUrl).secret(WebhookSecret.generate()).events("order.*").build())
                // the operator endpoint: an ordinary endpoint; operational events reach it by a targeted publish
                .endpoint(Endpoint.builder("ops", opsUrl).secret(WebhookSecret.generate()).events("ops.*").build())
                .operationalEvents(OperationalEvents.to("ops")
                        .types(OperationalEventType.ENDPOINT_PAUSED, OperationalEventType.ENDPOINT_DISABLED,
                                OperationalEventType.DELIVERY_DEAD))
                .listener(new DeliveryListener() {
                    @Override
                    public void onOperationalEvent(OperationalEvent event) { // once per transition, off the dispatcher
                        if (event instanceof OperationalEvent.DeliveryDead d) {
                            alerts.add("dead: " + d.deliveryId() + " after " + d.attempts() + " attempts, "
                                    + d.lastFailure().error());
                        } else {
                            alerts.add(event.type().wireName() + ": " + event.endpointId());
                        }
                    }
                })
                .networkPolicy(policy)
                .build();
        // end::operational[]
        return webhooks;
    }
}
