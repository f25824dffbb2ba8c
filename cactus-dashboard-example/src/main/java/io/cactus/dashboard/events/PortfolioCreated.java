package io.cactus.dashboard.events;

import io.cactus.webhooks.spring.PublishAsWebhook;
import java.time.Instant;

/**
 * A portfolio was created for a client: the {@code data} of {@value #TYPE}.
 *
 * @param id the portfolio's id
 * @param clientId the client it belongs to
 * @param name its name
 * @param currency its ISO 4217 currency code, such as {@code EUR}
 * @param createdAt when it was created
 * @param updatedAt when it was last changed; equal to {@code createdAt} here
 */
@PublishAsWebhook(PortfolioCreated.TYPE)
public record PortfolioCreated(long id, long clientId, String name, String currency, Instant createdAt,
        Instant updatedAt) {

    /** The event type. */
    public static final String TYPE = "portfolio.created";
}
