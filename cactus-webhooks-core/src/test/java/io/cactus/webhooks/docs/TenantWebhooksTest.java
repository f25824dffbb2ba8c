package io.cactus.webhooks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.tenant.MapEndpointRegistry;
import org.junit.jupiter.api.Test;

/** The snippets of docs/tenants.md do what the page says (not started: nothing is sent). */
class TenantWebhooksTest {

    @Test
    void eachCustomersEventsGoToItsOwnEndpointsAndItsViewSeesOnlyThem() {
        MapEndpointRegistry registry = new MapEndpointRegistry();
        registry.save(Endpoint.builder("audit", "https://audit.example.com/h").build());
        try (Webhooks webhooks = Webhooks.builder().endpoints(registry).build()) {
            TenantWebhooks tenants = new TenantWebhooks(webhooks);
            tenants.subscribe("acme", "acme-crm", "https://crm.acme.example/hook");
            tenants.subscribe("globex", "globex-n8n", "https://n8n.globex.example/hook");

            PublishReceipt acme = tenants.clientUpdated("acme", 7);
            PublishReceipt own = tenants.auditEvent(7);

            assertThat(acme.endpointIds()).containsExactly("acme-crm");
            assertThat(own.endpointIds()).containsExactly("audit");
            assertThat(registry.find("acme-crm")).map(Endpoint::tenant).contains(TenantId.of("acme"));
            String acmeDelivery = webhooks.reader(TenantId.of("acme")).deliveries(
                    io.cactus.webhooks.spi.DeliveryQuery.all()).get(0).id();
            assertThat(new TenantViews(webhooks, "globex").redeliver(acmeDelivery)).isFalse();
            assertThat(new TenantViews(webhooks, "acme").redeliver(acmeDelivery)).isTrue();
            assertThat(new TenantViews(webhooks, "acme").failed()).isEmpty();
        }
    }
}
