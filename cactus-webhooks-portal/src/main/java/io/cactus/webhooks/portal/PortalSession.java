package io.cactus.webhooks.portal;

import io.cactus.webhooks.TenantId;
import java.time.Instant;

/** One signed-in portal session: its tenant and CSRF token. The id and token never appear in toString. */
record PortalSession(String id, TenantId tenant, String csrfToken, Instant expiresAt) {

    /** The request attribute the access filter puts the session under. */
    static final String ATTRIBUTE = "io.cactus.webhooks.portal.session";

    @Override
    public String toString() {
        return "PortalSession[tenant=" + tenant + ", expiresAt=" + expiresAt + "]";
    }
}
