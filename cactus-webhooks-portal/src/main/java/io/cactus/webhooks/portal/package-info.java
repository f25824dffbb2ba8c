/**
 * The embeddable consumer portal: pages and a JSON API where one tenant's users manage and watch
 * their own webhooks, reached by a short-lived signed token that the host application issues
 * ({@link io.cactus.webhooks.portal.PortalTokens}), and switched on by
 * {@code cactus.webhooks.portal.enabled=true} ({@link io.cactus.webhooks.portal.CactusPortalAutoConfiguration}).
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.portal;

import org.jspecify.annotations.NullMarked;
