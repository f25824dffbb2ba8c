/**
 * Extension points: stores, registries, transports and serializers that an application may supply.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.spi;

import org.jspecify.annotations.NullMarked;
