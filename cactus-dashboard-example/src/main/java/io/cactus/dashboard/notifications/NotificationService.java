package io.cactus.dashboard.notifications;

import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.events.NotificationSent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications to clients. Nothing is actually sent over email, SMS or push: the notification is
 * recorded and announced as a {@link NotificationSent} domain event, which the webhook adapter
 * stores as the {@code notification.sent} webhook in the same transaction.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final ClientService clients;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, ClientService clients, ApplicationEventPublisher events,
            Clock clock) {
        this.notifications = notifications;
        this.clients = clients;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Notification send(NotificationRequest request) {
        if (!clients.exists(request.clientId())) {
            throw new InvalidFieldException("clientId", "no client with id " + request.clientId());
        }
        Instant now = Rows.truncate(clock.instant());
        Notification notification = notifications.insert(request.clientId(), request.channel(), request.message(), now);
        events.publishEvent(new NotificationSent(notification.id(), notification.clientId(), notification.channel(),
                notification.message(), notification.sentAt()));
        return notification;
    }

    @Transactional(readOnly = true)
    public List<Notification> list() {
        return notifications.findAll();
    }
}
