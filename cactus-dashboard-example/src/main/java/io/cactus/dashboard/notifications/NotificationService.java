package io.cactus.dashboard.notifications;

import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.webhooks.CactusEventTypes;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications to clients. Nothing is actually sent over email, SMS or push: the notification is
 * recorded and announced as {@code notification.sent}, in one transaction.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final ClientService clients;
    private final WebhookPublisher webhooks;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, ClientService clients, WebhookPublisher webhooks,
            Clock clock) {
        this.notifications = notifications;
        this.clients = clients;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional
    public Notification send(NotificationRequest request) {
        if (!clients.exists(request.clientId())) {
            throw new InvalidFieldException("clientId", "no client with id " + request.clientId());
        }
        Instant now = Rows.truncate(clock.instant());
        Notification notification = notifications.insert(request.clientId(), request.channel(), request.message(), now);
        webhooks.publish(WebhookEvent.of(CactusEventTypes.NOTIFICATION_SENT, notification, clock));
        return notification;
    }

    @Transactional(readOnly = true)
    public List<Notification> list() {
        return notifications.findAll();
    }
}
