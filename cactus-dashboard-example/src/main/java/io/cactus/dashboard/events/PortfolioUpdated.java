package io.cactus.dashboard.events;

import io.cactus.webhooks.spring.PublishAsWebhook;
import java.time.Instant;

/**
 * A portfolio changed (its client, name or currency): the {@code data} of {@value #TYPE}, the
 * portfolio as it is now.
 *
 * @param id the portfolio's id
 * @param clientId the client it belongs to now
 * @param name its name
 * @param currency its ISO 4217 currency code
 * @param createdAt when it was created
 * @param updatedAt when it was changed
 */
@PublishAsWebhook(PortfolioUpdated.TYPE)
public record PortfolioUpdated(long id, long clientId, String name, String currency, Instant createdAt,
        Instant updatedAt) {

    /** The event type. */
    public static final String TYPE = "portfolio.updated";
}
