package io.cactus.webhooks.docs;

// tag::scoped[]
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.WebhookReader;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.util.List;

/** What a customer's own page shows and may do: its deliveries only, whatever ids it is given. */
public final class TenantViews {

    private final WebhookReader reader;
    private final WebhookAdmin admin;

    public TenantViews(Webhooks webhooks, String customerId) {
        TenantId tenant = TenantId.of(customerId);
        this.reader = webhooks.reader(tenant);   // sees only this tenant's endpoints and deliveries
        this.admin = webhooks.admin(tenant);     // acts only on them
    }

    public List<Delivery> failed() {
        return reader.deliveries(DeliveryQuery.all().withStatus(io.cactus.webhooks.delivery.DeliveryStatus.DEAD));
    }

    /** False for an unknown id and for another tenant's id alike: nothing to probe. */
    public boolean redeliver(String deliveryId) {
        return admin.redeliver(deliveryId);
    }
}
// end::scoped[]
