package io.cactus.dashboard.clients;

import java.time.Instant;

/** A client as the API returns it and as the {@code client.*} webhooks carry it. */
public record Client(long id, String name, String email, Instant createdAt, Instant updatedAt) {
}
