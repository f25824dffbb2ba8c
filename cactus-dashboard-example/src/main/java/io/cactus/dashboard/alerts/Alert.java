package io.cactus.dashboard.alerts;

import java.time.Instant;

/**
 * Something about webhooks that needs a person: a delivery died, an endpoint was paused or disabled.
 *
 * @param id the alert id
 * @param kind what happened
 * @param endpointId the endpoint concerned
 * @param deliveryId the delivery concerned, or null
 * @param message a sentence for the page
 * @param raisedAt when it happened
 * @param acknowledgedAt when someone acknowledged it, or null while it is open
 */
public record Alert(long id, Kind kind, String endpointId, String deliveryId, String message, Instant raisedAt,
        Instant acknowledgedAt) {

    /** What happened. */
    public enum Kind {
        DELIVERY_DEAD, ENDPOINT_PAUSED, ENDPOINT_DISABLED
    }

    public boolean open() {
        return acknowledgedAt == null;
    }
}
