package io.cactus.webhooks.spring;

import io.cactus.webhooks.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by a {@link PublishAsWebhook} application event that belongs to a tenant: the
 * bridge publishes it for that tenant, so that it goes only to that tenant's endpoints (see
 * docs/tenants.md). An event whose {@link #webhookTenant()} is null goes to the application's own
 * endpoints, those without a tenant, as an event that does not implement this interface does.
 *
 * <pre>{@code
 * @PublishAsWebhook("client.updated")
 * public record ClientUpdated(String clientId, String name) implements TenantWebhookEvent {
 *     public TenantId webhookTenant() {
 *         return TenantId.of(clientId);
 *     }
 * }
 * }</pre>
 *
 * <p>A method that is not a bean getter ({@code webhookTenant()}, not {@code getWebhookTenant()})
 * is not part of the JSON the event is written as; a record component of that name is.
 * Called once per publish, on the publishing thread. May be combined with
 * {@link IdempotentWebhookEvent}.
 */
public interface TenantWebhookEvent {

    /**
     * The tenant of this event.
     *
     * @return the tenant whose endpoints receive it; null for the application's own endpoints
     */
    @Nullable TenantId webhookTenant();
}
