/**
 * Deliveries, their attempts and outcomes, the retry policy and delivery listeners.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.delivery;

import org.jspecify.annotations.NullMarked;
