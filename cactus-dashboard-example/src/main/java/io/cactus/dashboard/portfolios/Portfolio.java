package io.cactus.dashboard.portfolios;

import java.time.Instant;

/** A portfolio as the API returns it and as the {@code portfolio.*} webhooks carry it. */
public record Portfolio(long id, long clientId, String name, String currency, Instant createdAt,
        Instant updatedAt) {
}
