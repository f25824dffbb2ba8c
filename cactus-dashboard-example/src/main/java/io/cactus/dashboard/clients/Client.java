package io.cactus.dashboard.clients;

import java.time.Instant;

/** A client as the API returns it; its webhooks carry {@code events.ClientCreated} and {@code events.ClientUpdated}. */
public record Client(long id, String name, String email, Instant createdAt, Instant updatedAt) {
}
