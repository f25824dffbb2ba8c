package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.events.ClientCreated;
import io.cactus.dashboard.events.ClientUpdated;
import io.cactus.dashboard.events.NotificationSent;
import io.cactus.dashboard.events.PortfolioCreated;
import io.cactus.dashboard.events.PortfolioUpdated;
import io.cactus.dashboard.events.UserRegistered;
import io.cactus.webhooks.EventType;
import java.util.List;

/**
 * The six event types CactusDashboard publishes: the app's domain, not the library's. Each is the
 * {@code @PublishAsWebhook} type of its record in {@code io.cactus.dashboard.events}.
 */
public final class CactusEventTypes {

    public static final EventType CLIENT_CREATED = EventType.of(ClientCreated.TYPE);
    public static final EventType CLIENT_UPDATED = EventType.of(ClientUpdated.TYPE);
    public static final EventType PORTFOLIO_CREATED = EventType.of(PortfolioCreated.TYPE);
    public static final EventType PORTFOLIO_UPDATED = EventType.of(PortfolioUpdated.TYPE);
    public static final EventType NOTIFICATION_SENT = EventType.of(NotificationSent.TYPE);
    public static final EventType USER_REGISTERED = EventType.of(UserRegistered.TYPE);

    /** All six, in the order above. */
    public static final List<EventType> ALL = List.of(CLIENT_CREATED, CLIENT_UPDATED,
            PORTFOLIO_CREATED, PORTFOLIO_UPDATED, NOTIFICATION_SENT, USER_REGISTERED);

    private CactusEventTypes() {
    }
}
