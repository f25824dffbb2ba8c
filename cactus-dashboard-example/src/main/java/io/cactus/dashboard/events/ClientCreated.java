package io.cactus.dashboard.events;

import io.cactus.webhooks.spring.PublishAsWebhook;
import java.time.Instant;

/**
 * A client was created: the {@code data} of {@value #TYPE}.
 *
 * @param id the client's id
 * @param name its name
 * @param email its email address
 * @param createdAt when it was created (UTC, milliseconds)
 * @param updatedAt when it was last changed; equal to {@code createdAt} here
 */
@PublishAsWebhook(ClientCreated.TYPE)
public record ClientCreated(long id, String name, String email, Instant createdAt, Instant updatedAt) {

    /** The event type. */
    public static final String TYPE = "client.created";
}
