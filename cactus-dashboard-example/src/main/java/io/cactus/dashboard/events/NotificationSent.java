package io.cactus.dashboard.events;

import io.cactus.webhooks.spring.PublishAsWebhook;
import java.time.Instant;

/**
 * A notification was sent to a client: the {@code data} of {@value #TYPE}.
 *
 * @param id the notification's id
 * @param clientId the client it was sent to
 * @param channel {@code email}, {@code sms} or {@code push}
 * @param message its text
 * @param sentAt when it was sent
 */
@PublishAsWebhook(NotificationSent.TYPE)
public record NotificationSent(long id, long clientId, String channel, String message, Instant sentAt) {

    /** The event type. */
    public static final String TYPE = "notification.sent";
}
