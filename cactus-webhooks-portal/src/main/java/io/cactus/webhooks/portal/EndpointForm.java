package io.cactus.webhooks.portal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a tenant's user sends to add or change an endpoint: its URL, and the event types it gets
 * ({@code *} for all of them).
 *
 * @param url the URL text as typed
 * @param events event types, or {@code *}; empty means none chosen
 */
record EndpointForm(@Nullable String url, List<String> events) {

    EndpointForm {
        events = events == null ? List.of() : events.stream().filter(e -> e != null && !e.isBlank()).map(String::strip)
                .distinct().toList();
    }

    boolean all() {
        return events.contains("*");
    }
}
