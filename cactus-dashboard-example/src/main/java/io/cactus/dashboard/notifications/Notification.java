package io.cactus.dashboard.notifications;

import java.time.Instant;

/** A notification sent to a client, as the API returns it and as {@code notification.sent} carries it. */
public record Notification(long id, long clientId, String channel, String message, Instant sentAt) {
}
