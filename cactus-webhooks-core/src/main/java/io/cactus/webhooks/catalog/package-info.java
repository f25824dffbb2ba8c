/**
 * The event-type catalogue: the event types an application publishes, each with a description, an
 * optional JSON Schema of its {@code data} and an optional example, shown to the receivers (the
 * consumer portal lists it). Validation of published payloads against a type's schema is chosen per
 * type ({@link io.cactus.webhooks.catalog.SchemaValidation}); give the catalogue to
 * {@link io.cactus.webhooks.Webhooks.Builder#eventTypes}. See {@code docs/event-types.md}.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.cactus.webhooks.catalog;

import org.jspecify.annotations.NullMarked;
