package io.cactus.webhooks.catalog;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.internal.Catalogs;
import io.cactus.webhooks.internal.PayloadSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The event types an application publishes, in the order they were added: each with a description
 * and optionally a JSON Schema and an example of its {@code data} (see {@link EventTypeDefinition}).
 * Give it to {@link io.cactus.webhooks.Webhooks.Builder#eventTypes}; {@link io.cactus.webhooks.Webhooks#eventTypes()}
 * returns it, for pages that show receivers what they can subscribe to.
 *
 * <p>What publishing does with it:
 * <ul>
 *   <li>an event of a type with {@link SchemaValidation#ON} is checked against the type's schema,
 *       and refused with {@link PayloadValidationException} (nothing stored) if its {@code data}
 *       does not conform;</li>
 *   <li>an event of a type the catalogue does not list is published as before, unless the catalogue
 *       was built {@link Builder#strict() strict}: then it is refused with an
 *       {@link IllegalArgumentException} naming the type. Targeted sends
 *       ({@code WebhookAdmin.publishTo}) and the library's operational events are not checked for
 *       membership, only against the schema.</li>
 * </ul>
 *
 * <p>Schemas are parsed, checked against their draft's meta-schema and compiled once, in
 * {@link Builder#build()}, when the validator library ({@code com.networknt:json-schema-validator},
 * the 3.0.x line) is on the classpath. Without it a catalogue whose types all have validation off
 * builds (their schemas are kept as given, unchecked), and one with validation on fails.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventTypeCatalog {

    private static final EventTypeCatalog EMPTY = new EventTypeCatalog(List.of(), false, PayloadSchemas.NONE);

    static {
        Catalogs.install(catalog -> catalog.schemas);
    }

    private final List<EventTypeDefinition> types;
    private final Map<EventType, EventTypeDefinition> byType;
    private final boolean strict;
    private final PayloadSchemas schemas;

    private EventTypeCatalog(List<EventTypeDefinition> types, boolean strict, PayloadSchemas schemas) {
        this.types = List.copyOf(types);
        Map<EventType, EventTypeDefinition> map = new LinkedHashMap<>();
        for (EventTypeDefinition d : types) {
            map.put(d.type(), d);
        }
        this.byType = map;
        this.strict = strict;
        this.schemas = schemas;
    }

    /**
     * The catalogue with no types, not strict: every type may be published and nothing is validated.
     * The default of {@link io.cactus.webhooks.Webhooks.Builder#eventTypes}.
     *
     * @return the shared empty catalogue
     */
    public static EventTypeCatalog empty() {
        return EMPTY;
    }

    /**
     * A builder with no types, not strict.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every type, in the order added.
     *
     * @return an immutable list; empty for {@link #empty()}
     */
    public List<EventTypeDefinition> types() {
        return types;
    }

    /**
     * The definition of one type.
     *
     * @param type the event type
     * @return its definition, or empty if the catalogue does not list it
     * @throws NullPointerException if {@code type} is null
     */
    public Optional<EventTypeDefinition> find(EventType type) {
        return Optional.ofNullable(byType.get(Objects.requireNonNull(type, "type")));
    }

    /**
     * Whether publishing a type the catalogue does not list is refused.
     *
     * @return true if built with {@link Builder#strict()}
     */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Whether the catalogue lists no type.
     *
     * @return true if {@link #types()} is empty
     */
    public boolean isEmpty() {
        return types.isEmpty();
    }

    @Override
    public String toString() {
        return "EventTypeCatalog[" + types.size() + " types" + (strict ? ", strict" : "") + "]";
    }

    /**
     * Builds an {@link EventTypeCatalog}. Each method checks its argument at once and names what was
     * wrong; schemas are checked in {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<EventType, EventTypeDefinition> types = new LinkedHashMap<>();
        private boolean strict;

        private Builder() {
        }

        /**
         * Adds a type.
         *
         * @param definition the type's definition
         * @return this builder
         * @throws NullPointerException if {@code definition} is null
         * @throws IllegalArgumentException if the catalogue lists its type already
         */
        public Builder type(EventTypeDefinition definition) {
            Objects.requireNonNull(definition, "definition");
            if (types.putIfAbsent(definition.type(), definition) != null) {
                throw new IllegalArgumentException("event type " + definition.type()
                        + " is in the catalogue twice; each type is defined once");
            }
            return this;
        }

        /**
         * Adds a type with a description only (no schema, no validation).
         *
         * @param type the event type
         * @param description what it means; may be empty
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the type is listed already or the description is too long
         */
        public Builder type(EventType type, String description) {
            return type(EventTypeDefinition.of(type, description));
        }

        /**
         * Refuses to publish a type the catalogue does not list: {@code publish} and
         * {@code publishAll} throw an {@link IllegalArgumentException} naming it and store nothing.
         * Default: not strict, unlisted types are published without checks.
         *
         * @return this builder
         */
        public Builder strict() {
            this.strict = true;
            return this;
        }

        /**
         * Builds the catalogue, compiling every schema once.
         *
         * @return a new immutable catalogue
         * @throws IllegalArgumentException naming the type if a schema is not valid JSON, is not a
         *     valid JSON Schema, or its example does not conform to it
         * @throws IllegalStateException if a type has validation on and
         *     {@code com.networknt:json-schema-validator} is not on the classpath (the message names
         *     the artifact to add), or if the catalogue is strict and lists no type
         */
        public EventTypeCatalog build() {
            if (strict && types.isEmpty()) {
                throw new IllegalStateException("a strict event-type catalogue must list at least one type:"
                        + " with none, every publish would be refused");
            }
            List<EventTypeDefinition> list = new ArrayList<>(types.values());
            return new EventTypeCatalog(list, strict, PayloadSchemas.compile(list, strict));
        }
    }
}
