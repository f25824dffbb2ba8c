package io.cactus.webhooks.catalog;

import io.cactus.webhooks.EventType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an {@link EventTypeCatalog}: an event type, what it means, and optionally the JSON
 * Schema of its {@code data}, an example {@code data}, and whether published payloads are checked
 * against the schema.
 *
 * <p>A schema alone does not validate anything: {@link #validation()} is {@link SchemaValidation#OFF}
 * unless set to {@link SchemaValidation#ON}, so that a schema can be published to receivers before
 * the application is sure every producer conforms. The schema text is checked when the catalogue is
 * built, not here.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(EventType)}.
 */
public final class EventTypeDefinition {

    /** Longest description accepted, in characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    private final EventType type;
    private final String description;
    private final @Nullable String schema;
    private final SchemaValidation validation;
    private final @Nullable String example;

    private EventTypeDefinition(Builder b) {
        this.type = b.type;
        this.description = b.description;
        this.schema = b.schema;
        this.validation = b.validation;
        this.example = b.example;
    }

    /**
     * A builder for a definition of {@code type}, with no description, no schema, no example and
     * validation {@link SchemaValidation#OFF}.
     *
     * @param type the event type
     * @return a new builder; not thread-safe
     * @throws NullPointerException if {@code type} is null
     */
    public static Builder builder(EventType type) {
        return new Builder(Objects.requireNonNull(type, "type"));
    }

    /**
     * A definition with a description only: no schema, no validation.
     *
     * @param type the event type
     * @param description what the event means; may be empty
     * @return the definition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the description is too long
     */
    public static EventTypeDefinition of(EventType type, String description) {
        return builder(type).description(description).build();
    }

    /**
     * A builder holding this definition's values, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder(type).description(description).validation(validation);
        b.schema = schema;
        b.example = example;
        return b;
    }

    /**
     * The event type.
     *
     * @return the type this entry describes
     */
    public EventType type() {
        return type;
    }

    /**
     * What the event means, for people reading the catalogue.
     *
     * @return the description; empty if none was given
     */
    public String description() {
        return description;
    }

    /**
     * The JSON Schema of the event's {@code data}, as given.
     *
     * @return the schema's JSON text, or empty if the type has none
     */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /**
     * Whether published payloads of this type are checked against {@link #schema()}.
     *
     * @return {@link SchemaValidation#OFF} unless set; {@link SchemaValidation#ON} only with a schema
     */
    public SchemaValidation validation() {
        return validation;
    }

    /**
     * An example of the event's {@code data}, as JSON, for receivers (the portal shows it, and may
     * send it as a test event). When the type has a schema, the catalogue checks the example against
     * it when it is built (if the validator library is present).
     *
     * @return the example's JSON text, or empty if none was given
     */
    public Optional<String> example() {
        return Optional.ofNullable(example);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventTypeDefinition d && type.equals(d.type) && description.equals(d.description)
                && Objects.equals(schema, d.schema) && validation == d.validation && Objects.equals(example, d.example);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, description, schema, validation, example);
    }

    @Override
    public String toString() {
        return "EventTypeDefinition[" + type + ", schema=" + (schema != null) + ", validation=" + validation + "]";
    }

    /**
     * Builds an {@link EventTypeDefinition}. Each setter checks its argument at once and names it;
     * conflicts fail in {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private final EventType type;
        private String description = "";
        private @Nullable String schema;
        private SchemaValidation validation = SchemaValidation.OFF;
        private @Nullable String example;

        private Builder(EventType type) {
            this.type = type;
        }

        /**
         * What the event means. Default: empty.
         *
         * @param value up to {@value #MAX_DESCRIPTION_LENGTH} characters; may be empty
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is too long
         */
        public Builder description(String value) {
            Objects.requireNonNull(value, "description");
            if (value.length() > MAX_DESCRIPTION_LENGTH) {
                throw new IllegalArgumentException("description of " + type + " must be at most "
                        + MAX_DESCRIPTION_LENGTH + " characters, was " + value.length());
            }
            this.description = value;
            return this;
        }

        /**
         * The JSON Schema of the event's {@code data}, as JSON text. Draft 2020-12 unless the schema
         * names another draft with {@code $schema} (draft 4, 6, 7 and 2019-09 are understood). It is
         * parsed and checked when the catalogue is built. Default: none.
         *
         * @param value the schema's JSON text, not blank
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is blank
         */
        public Builder schema(String value) {
            Objects.requireNonNull(value, "schema");
            if (value.isBlank()) {
                throw new IllegalArgumentException("schema of " + type + " must not be blank");
            }
            this.schema = value;
            return this;
        }

        /**
         * Whether published payloads are checked against the schema. Default
         * {@link SchemaValidation#OFF}, even with a schema.
         *
         * @param value {@link SchemaValidation#ON} needs a {@link #schema}
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder validation(SchemaValidation value) {
            this.validation = Objects.requireNonNull(value, "validation");
            return this;
        }

        /**
         * An example of the event's {@code data}, as JSON text. Default: none.
         *
         * @param value the example's JSON text, not blank
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is blank
         */
        public Builder example(String value) {
            Objects.requireNonNull(value, "example");
            if (value.isBlank()) {
                throw new IllegalArgumentException("example of " + type + " must not be blank");
            }
            this.example = value;
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return a new immutable definition
         * @throws IllegalStateException if validation is {@link SchemaValidation#ON} without a schema
         */
        public EventTypeDefinition build() {
            if (validation == SchemaValidation.ON && schema == null) {
                throw new IllegalStateException("event type " + type
                        + " has validation ON but no schema: give it a schema(...) or leave validation OFF");
            }
            return new EventTypeDefinition(this);
        }
    }
}
