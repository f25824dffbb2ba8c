package io.cactus.dashboard.events;

import io.cactus.webhooks.spring.PublishAsWebhook;
import java.time.Instant;

/**
 * A client's name or email changed: the {@code data} of {@value #TYPE}, the client as it is now.
 *
 * @param id the client's id
 * @param name its name
 * @param email its email address
 * @param createdAt when it was created
 * @param updatedAt when it was changed
 */
@PublishAsWebhook(ClientUpdated.TYPE)
public record ClientUpdated(long id, String name, String email, Instant createdAt, Instant updatedAt) {

    /** The event type. */
    public static final String TYPE = "client.updated";
}
