/**
 * The library's entry point ({@link io.cactus.webhooks.Webhooks}), events, messages and the publisher.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks;

import org.jspecify.annotations.NullMarked;
