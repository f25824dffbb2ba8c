package io.cactus.dashboard.events;

import io.cactus.webhooks.spring.PublishAsWebhook;
import java.time.Instant;

/**
 * A user registered: the {@code data} of {@value #TYPE}. Never the password or its hash: a field
 * is on the wire only when it is written here.
 *
 * @param id the user's id
 * @param email the email address, lower-cased
 * @param name the user's name
 * @param createdAt when the user registered
 */
@PublishAsWebhook(UserRegistered.TYPE)
public record UserRegistered(long id, String email, String name, Instant createdAt) {

    /** The event type. */
    public static final String TYPE = "user.registered";
}
