package io.cactus.dashboard.portfolios;

import java.time.Instant;

/** A portfolio as the API returns it; its webhooks carry {@code events.PortfolioCreated} and {@code events.PortfolioUpdated}. */
public record Portfolio(long id, long clientId, String name, String currency, Instant createdAt,
        Instant updatedAt) {
}
