package io.cactus.webhooks.portal;

import org.jspecify.annotations.Nullable;

/**
 * One event type of the catalogue as the portal shows it.
 *
 * @param name the type's name
 * @param description what it means
 * @param schema its JSON Schema, or null
 */
record EventTypeView(String name, String description, @Nullable String schema) {
}
