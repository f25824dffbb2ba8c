package io.cactus.webhooks.catalog;

import java.util.Objects;

/**
 * One way a payload fails its event type's schema: where in the payload, and which rule of the
 * schema. It never holds a value of the payload (the payload may hold secrets or personal data), only
 * locations and the keyword.
 *
 * @param pointer JSON pointer into the event's {@code data}: {@code ""} is {@code data} itself,
 *     {@code "/address/zip"} a member; for a missing required member, the member's pointer
 * @param keyword the JSON Schema keyword that failed, such as {@code type}, {@code required},
 *     {@code maxLength}
 * @param schemaPointer JSON pointer of that keyword in the schema, such as
 *     {@code /properties/name/type}
 */
public record SchemaViolation(String pointer, String keyword, String schemaPointer) {

    /**
     * Checks that no part is null.
     *
     * @param pointer JSON pointer into the event's {@code data}
     * @param keyword the JSON Schema keyword that failed
     * @param schemaPointer JSON pointer of that keyword in the schema
     * @throws NullPointerException if a part is null
     */
    public SchemaViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(schemaPointer, "schemaPointer");
    }

    /**
     * The violation as the exception's message shows it.
     *
     * @return for example {@code /name: type (schema /properties/name/type)}; {@code data} itself is
     *     shown as {@code (data)}
     */
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(data)" : pointer) + ": " + keyword + " (schema "
                + (schemaPointer.isEmpty() ? "root" : schemaPointer) + ")";
    }
}
