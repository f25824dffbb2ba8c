package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.events.ClientCreated;
import io.cactus.dashboard.events.ClientUpdated;
import io.cactus.dashboard.events.NotificationSent;
import io.cactus.dashboard.events.PortfolioCreated;
import io.cactus.dashboard.events.PortfolioUpdated;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import org.jspecify.annotations.NullMarked;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends a client's events to the client's own endpoints too: besides the untenanted webhook the
 * adapter makes of every {@code @PublishAsWebhook} record (for the dashboard's own endpoints: n8n, the
 * demo receiver), each event about one client is published once more for that client's tenant
 * ({@link ClientTenants#of(long)}), which reaches only the endpoints the client added in its portal.
 * Two messages, two webhook ids: a receiver of one never sees the other's. A client without an
 * enabled endpoint subscribed to the type gets no second message (nothing would be delivered).
 *
 * <p>Plain synchronous listeners on purpose, as the adapter's own bridge: they run on the thread that
 * published the domain event, inside its transaction, so the client's webhook is written in the same
 * transaction as the business row and the dashboard's webhook; a rollback keeps none of them, and a
 * failure to store it (a payload its event type's schema refuses) rolls the change back. A
 * {@code @TransactionalEventListener} would run after the commit, no longer atomic.
 *
 * <p>{@code user.registered} is about a dashboard user, not a client: the dashboard's endpoints only.
 * Thread-safe (stateless beyond its collaborators).
 */
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Component
class ClientTenantWebhooks {

    private final WebhookPublisher publisher;
    private final Webhooks webhooks;
    private final Clock clock;

    ClientTenantWebhooks(WebhookPublisher publisher, Webhooks webhooks, Clock clock) {
        this.publisher = publisher;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @EventListener
    void on(ClientCreated event) {
        publish(event.id(), CactusEventTypes.CLIENT_CREATED, event);
    }

    @EventListener
    void on(ClientUpdated event) {
        publish(event.id(), CactusEventTypes.CLIENT_UPDATED, event);
    }

    @EventListener
    void on(PortfolioCreated event) {
        publish(event.clientId(), CactusEventTypes.PORTFOLIO_CREATED, event);
    }

    @EventListener
    void on(PortfolioUpdated event) {
        publish(event.clientId(), CactusEventTypes.PORTFOLIO_UPDATED, event);
    }

    @EventListener
    void on(NotificationSent event) {
        publish(event.clientId(), CactusEventTypes.NOTIFICATION_SENT, event);
    }

    private void publish(long clientId, EventType type, Object data) {
        TenantId tenant = ClientTenants.of(clientId);
        // Most clients have no endpoint of their own: then no second message at all (the library would
        // store one without deliveries), one indexed read of the client's endpoints instead of a write.
        if (webhooks.reader(tenant).endpoints().stream().anyMatch(e -> e.subscribesTo(type))) {
            publisher.publish(tenant, WebhookEvent.builder(type, data).timestamp(clock.instant()).build());
        }
    }
}
