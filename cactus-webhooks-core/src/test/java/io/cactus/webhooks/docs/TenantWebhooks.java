package io.cactus.webhooks.docs;

// tag::publish[]
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import java.util.Map;

/** Each customer of the service is a tenant with endpoints of its own. */
public final class TenantWebhooks {

    private final Webhooks webhooks;

    public TenantWebhooks(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** A customer subscribes its own system: the scoped admin stamps the tenant on the endpoint. */
    public void subscribe(String customerId, String endpointId, String url) {
        webhooks.admin(TenantId.of(customerId))
                .saveEndpoint(Endpoint.builder(endpointId, url).events("client.*").build());
    }

    /** Goes to this customer's subscribed endpoints only, never to another customer's. */
    public PublishReceipt clientUpdated(String customerId, long clientId) {
        return webhooks.publisher().publish(TenantId.of(customerId),
                WebhookEvent.of("client.updated", Map.of("clientId", clientId)));
    }

    /** Without a tenant: the application's own endpoints (those without a tenant), as always. */
    public PublishReceipt auditEvent(long clientId) {
        return webhooks.publisher().publish(WebhookEvent.of("client.updated", Map.of("clientId", clientId)));
    }
}
// end::publish[]
