package io.cactus.webhooks.spring.docs;

// tag::tenant-event[]
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.spring.PublishAsWebhook;
import io.cactus.webhooks.spring.TenantWebhookEvent;

/** Published with publishEvent(...) inside the transaction; goes to this customer's endpoints only. */
@PublishAsWebhook("client.updated")
public record CustomerClientUpdated(String customerId, long clientId, String name) implements TenantWebhookEvent {

    @Override
    public TenantId webhookTenant() {
        return TenantId.of(customerId);   // null would mean: the application's own endpoints
    }
}
// end::tenant-event[]
