package io.cactus.dashboard.users;

import java.time.Instant;

/**
 * A registered user as the API returns it and as {@code user.registered} carries it. Deliberately
 * without the password or its hash.
 */
public record User(long id, String email, String name, Instant createdAt) {
}
