/**
 * The HTTP transport (OkHttp) and the network policy that keeps it off private addresses.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.http;

import org.jspecify.annotations.NullMarked;
