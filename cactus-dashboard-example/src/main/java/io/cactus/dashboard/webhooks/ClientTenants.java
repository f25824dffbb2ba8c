package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.TenantId;
import org.jspecify.annotations.NullMarked;

/**
 * Each CactusDashboard client is a webhooks tenant: client 7 is the tenant {@code client-7}. The one
 * place that says so, used by the events a client's own endpoints get ({@link ClientTenantWebhooks}) and
 * by the portal links the admin issues ({@link ClientPortalController}). Stateless and thread-safe.
 */
@NullMarked
public final class ClientTenants {

    /** What every client's tenant id starts with. */
    public static final String PREFIX = "client-";

    private ClientTenants() {
    }

    /**
     * The tenant of a client.
     *
     * @param clientId the client's id (positive, as the database gives them)
     * @return {@code client-<id>}
     * @throws IllegalArgumentException if the id is not positive
     */
    public static TenantId of(long clientId) {
        if (clientId <= 0) {
            throw new IllegalArgumentException("clientId must be positive, was " + clientId);
        }
        return TenantId.of(PREFIX + clientId);
    }
}
