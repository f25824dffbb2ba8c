package io.cactus.webhooks.catalog;

/**
 * Whether events of a type are checked against the type's JSON Schema when they are published.
 * The default of {@link EventTypeDefinition.Builder#validation} is {@link #OFF}: a schema on its own
 * documents the payload for receivers, and turning validation on is a separate choice per type.
 */
public enum SchemaValidation {
    /** The schema is shown, not enforced: any payload is published. */
    OFF,
    /**
     * A payload whose {@code data} does not conform is refused at publish with
     * {@link PayloadValidationException}, and nothing is stored. Needs a schema and the
     * {@code com.networknt:json-schema-validator} library on the classpath.
     */
    ON
}
