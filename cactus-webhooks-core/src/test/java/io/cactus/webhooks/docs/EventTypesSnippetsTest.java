package io.cactus.webhooks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.SchemaValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snippets of docs/event-types.md do what the page says. */
class EventTypesSnippetsTest {

    @Test
    void theCatalogueValidatesClientCreatedAndTheCallerSeesWhy() {
        try (Webhooks webhooks = ClientEventTypes.webhooks()) {
            assertThat(webhooks.eventTypes().types()).hasSize(2);
            assertThat(webhooks.eventTypes().find(ClientEventTypes.CLIENT_CREATED).orElseThrow().validation())
                    .isEqualTo(SchemaValidation.ON);
            RejectedPayloads caller = new RejectedPayloads(webhooks.publisher());

            String refused = caller.publishOrExplain(WebhookEvent.builder(ClientEventTypes.CLIENT_CREATED,
                    Map.of("id", "forty-two")).build());
            String stored = caller.publishOrExplain(WebhookEvent.builder(ClientEventTypes.CLIENT_CREATED,
                    Map.of("id", 42, "name", "Ada")).build());
            String unchecked = caller.publishOrExplain(WebhookEvent.builder(ClientEventTypes.CLIENT_DELETED,
                    Map.of("anything", true)).build());

            assertThat(refused).contains("/id breaks type").contains("/name breaks required");
            assertThat(stored).startsWith("stored as ");
            assertThat(unchecked).startsWith("stored as ");
        }
    }
}
