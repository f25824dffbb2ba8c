package io.cactus.webhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue's values and builders: what they hold, and bad input named at once or at build. */
class EventTypeCatalogTest {

    private static final EventType CREATED = EventType.of("client.created");
    private static final EventType UPDATED = EventType.of("client.updated");
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"id\"]}";

    @Test
    void holdsTypesInOrderAndFindsThem() {
        EventTypeDefinition created = EventTypeDefinition.builder(CREATED).description("A client was created.")
                .schema(SCHEMA).example("{\"id\":1}").build();
        EventTypeCatalog catalog = EventTypeCatalog.builder().type(created).type(UPDATED, "A client changed.").build();

        assertThat(catalog.types()).extracting(EventTypeDefinition::type).containsExactly(CREATED, UPDATED);
        assertThat(catalog.find(CREATED)).contains(created);
        assertThat(catalog.find(EventType.of("client.deleted"))).isEmpty();
        assertThat(created.schema()).contains(SCHEMA);
        assertThat(created.example()).contains("{\"id\":1}");
        assertThat(created.validation()).as("a schema alone does not validate").isEqualTo(SchemaValidation.OFF);
        assertThat(catalog.find(UPDATED).orElseThrow().schema()).isEmpty();
        assertThat(catalog.isStrict()).isFalse();
        assertThat(created.toBuilder().build()).isEqualTo(created).hasSameHashCodeAs(created);
        assertThat(EventTypeCatalog.empty().types()).isEmpty();
        assertThat(EventTypeCatalog.empty().isEmpty()).isTrue();
    }

    @Test
    void badArgumentsAreNamedAtOnce() {
        EventTypeDefinition.Builder b = EventTypeDefinition.builder(CREATED);
        assertThatThrownBy(() -> b.schema(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema of client.created");
        assertThatThrownBy(() -> b.example("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example of client.created");
        assertThatThrownBy(() -> b.description("x".repeat(EventTypeDefinition.MAX_DESCRIPTION_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description of client.created");
        assertThatThrownBy(() -> b.validation(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("validation");
        assertThatThrownBy(() -> EventTypeCatalog.builder().type(CREATED, "one").type(CREATED, "two"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client.created is in the catalogue twice");
    }

    @Test
    void conflictsFailAtBuild() {
        assertThatThrownBy(() -> EventTypeDefinition.builder(CREATED).validation(SchemaValidation.ON).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client.created has validation ON but no schema");
        assertThatThrownBy(() -> EventTypeCatalog.builder().strict().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("strict");
    }

    @Test
    void aBadSchemaFailsAtBuildNamingItsType() {
        assertThatThrownBy(() -> catalogWith("{\"type\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema of event type client.created is not valid JSON");
        assertThatThrownBy(() -> catalogWith("{\"type\": \"no-such-type\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema of event type client.created is not a valid JSON Schema");
        assertThatThrownBy(() -> catalogWith("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema of event type client.created must be a JSON object");
        // positive control: a valid schema builds, with validation OFF too
        assertThat(catalogWith(SCHEMA).find(CREATED)).isPresent();
    }

    @Test
    void anExampleThatBreaksItsSchemaFailsAtBuild() {
        EventTypeDefinition d = EventTypeDefinition.builder(CREATED).schema(SCHEMA).example("{\"name\":\"x\"}").build();
        assertThatThrownBy(() -> EventTypeCatalog.builder().type(d).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example of event type client.created does not conform")
                .hasMessageContaining("/id: required");
    }

    @Test
    void aStrictCatalogueRefusesAnUnlistedTypeAndANonStrictOnePublishesIt() {
        EventType unlisted = EventType.of("client.archived");
        EventTypeCatalog strict = EventTypeCatalog.builder().type(CREATED, "created").strict().build();
        EventTypeCatalog lenient = EventTypeCatalog.builder().type(CREATED, "created").build();
        try (Webhooks s = Webhooks.builder().eventTypes(strict).build();
                Webhooks l = Webhooks.builder().eventTypes(lenient).build()) {
            WebhookEvent event = WebhookEvent.builder(unlisted, Map.of()).build();
            assertThatThrownBy(() -> s.publisher().publish(event)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("event type client.archived is not in the event-type catalogue");
            assertThat(s.reader().message(event.id())).isEmpty();
            assertThat(s.publisher().publish(WebhookEvent.builder(CREATED, Map.of()).build()).outcome())
                    .isEqualTo(PublishOutcome.STORED);
            assertThat(l.publisher().publish(event).outcome()).isEqualTo(PublishOutcome.STORED);
            assertThat(s.eventTypes()).isSameAs(strict);
        }
    }

    @Test
    void webhooksWithoutACatalogueHaveTheEmptyOne() {
        try (Webhooks w = Webhooks.builder().build()) {
            assertThat(w.eventTypes()).isSameAs(EventTypeCatalog.empty());
        }
    }

    private static EventTypeCatalog catalogWith(String schema) {
        return EventTypeCatalog.builder().type(EventTypeDefinition.builder(CREATED).schema(schema).build()).build();
    }
}
