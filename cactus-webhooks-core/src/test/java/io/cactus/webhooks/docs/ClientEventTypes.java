package io.cactus.webhooks.docs;

// tag::catalog[]
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.catalog.SchemaValidation;

/** The event types the dashboard publishes, given to Webhooks.builder().eventTypes(...). */
final class ClientEventTypes {

    static final EventType CLIENT_CREATED = EventType.of("client.created");
    static final EventType CLIENT_DELETED = EventType.of("client.deleted");

    static EventTypeCatalog catalog() {
        return EventTypeCatalog.builder()
                .type(EventTypeDefinition.builder(CLIENT_CREATED)
                        .description("A client was created.")
                        .schema("""
                                {
                                  "type": "object",
                                  "required": ["id", "name"],
                                  "properties": {
                                    "id": {"type": "integer"},
                                    "name": {"type": "string", "maxLength": 200}
                                  }
                                }""")
                        .example("{\"id\": 42, \"name\": \"Ada Lovelace\"}")
                        .validation(SchemaValidation.ON) // OFF (the default): the schema is shown, not enforced
                        .build())
                .type(CLIENT_DELETED, "A client was deleted; data holds its id.")
                .build();
    }

    static Webhooks webhooks() {
        return Webhooks.builder().eventTypes(catalog()).build();
    }
}
// end::catalog[]
