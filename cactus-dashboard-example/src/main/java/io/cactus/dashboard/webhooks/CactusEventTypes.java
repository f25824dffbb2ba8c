package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.EventType;
import java.util.List;

/**
 * The six event types CactusDashboard publishes: the app's domain, not the library's. Each is the
 * {@code @PublishAsWebhook} type of its record in {@code io.cactus.dashboard.events}
 * ({@code EventPayloadsIT} checks that they agree).
 */
public final class CactusEventTypes {

    public static final EventType CLIENT_CREATED = EventType.of("client.created");
    public static final EventType CLIENT_UPDATED = EventType.of("client.updated");
    public static final EventType PORTFOLIO_CREATED = EventType.of("portfolio.created");
    public static final EventType PORTFOLIO_UPDATED = EventType.of("portfolio.updated");
    public static final EventType NOTIFICATION_SENT = EventType.of("notification.sent");
    public static final EventType USER_REGISTERED = EventType.of("user.registered");

    /** All six, in the order above. */
    public static final List<EventType> ALL = List.of(CLIENT_CREATED, CLIENT_UPDATED,
            PORTFOLIO_CREATED, PORTFOLIO_UPDATED, NOTIFICATION_SENT, USER_REGISTERED);

    private CactusEventTypes() {
    }
}
