package io.cactus.dashboard.clients;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;

/** Positive control of {@code WiringBoundaryTest}: a domain class with webhook code, which the rule must catch. */
public final class PublishesItself {

    void created(WebhookPublisher webhooks, Client client) {
        webhooks.publish(WebhookEvent.of("client.created", client));
    }
}
