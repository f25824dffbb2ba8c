package io.cactus.dashboard.users;

import java.time.Instant;

/**
 * A registered user as the API returns it, deliberately without the password or its hash;
 * {@code user.registered} carries {@code events.UserRegistered}.
 */
public record User(long id, String email, String name, Instant createdAt) {
}
