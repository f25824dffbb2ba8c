/**
 * Implementation: not public API, and it may change in any release.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.internal;

import org.jspecify.annotations.NullMarked;
