/**
 * Endpoints (where webhooks go), their filters, headers, authentication and health.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.endpoint;

import org.jspecify.annotations.NullMarked;
