package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.WebhookEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event every load run sends: {@code client.created} with a client whose notes pad the JSON
 * body (the library's envelope) to about 1 KiB at the default padding.
 */
final class LoadEvents {

    static final String TYPE = "client.created";
    static final int DEFAULT_PADDING = 880;

    private final Map<String, Object> data;

    LoadEvents(int padding) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", "cli_01HZX3K8Q9");
        client.put("name", "Cactus Load Test Client");
        client.put("email", "load@example.com");
        client.put("notes", "x".repeat(padding));
        this.data = Map.of("client", client);
    }

    /** A new event with a new id. */
    WebhookEvent next() {
        return WebhookEvent.of(TYPE, data);
    }
}
