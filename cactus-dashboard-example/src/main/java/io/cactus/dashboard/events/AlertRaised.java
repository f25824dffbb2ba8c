package io.cactus.dashboard.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An alert was raised (a delivery died, an endpoint was paused or disabled): the {@code data} of
 * {@code alert.raised}, sent to the {@code alerts} endpoint only (with
 * {@code webhooks.admin().publishTo}), so it carries no {@code @PublishAsWebhook}.
 *
 * @param id the alert's id
 * @param kind {@code DELIVERY_DEAD}, {@code ENDPOINT_PAUSED} or {@code ENDPOINT_DISABLED}
 * @param endpointId the endpoint it is about
 * @param deliveryId the delivery it is about; null for an alert about the endpoint as a whole
 * @param message what happened, in words
 * @param raisedAt when it was raised
 */
public record AlertRaised(long id, String kind, String endpointId, @Nullable String deliveryId, String message,
        Instant raisedAt) {

    /** The event type. */
    public static final String TYPE = "alert.raised";
}
