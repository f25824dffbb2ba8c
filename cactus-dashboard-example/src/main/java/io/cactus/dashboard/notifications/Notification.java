package io.cactus.dashboard.notifications;

import java.time.Instant;

/** A notification sent to a client, as the API returns it; {@code notification.sent} carries {@code events.NotificationSent}. */
public record Notification(long id, long clientId, String channel, String message, Instant sentAt) {
}
