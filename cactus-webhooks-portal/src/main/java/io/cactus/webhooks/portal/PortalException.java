package io.cactus.webhooks.portal;

import org.jspecify.annotations.Nullable;

/**
 * What a portal operation refuses, as the pages and the API show it: a status (400 bad field, 404 no
 * such thing of this tenant, 409 not now), the field at fault when there is one, and a message fit to
 * show the tenant's user (it names nothing of another tenant).
 */
final class PortalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String field;

    private PortalException(int status, @Nullable String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static PortalException badField(String field, String message) {
        return new PortalException(400, field, message);
    }

    static PortalException notFound(String what, String id) {
        return new PortalException(404, null, "no " + what + " '" + id + "'");
    }

    static PortalException conflict(String message) {
        return new PortalException(409, null, message);
    }

    int status() {
        return status;
    }

    @Nullable String field() {
        return field;
    }
}
