/**
 * Operational events: the library's own signed webhooks about its health, sent to an operator
 * endpoint ({@code endpoint.paused}, {@code endpoint.recovered}, {@code endpoint.disabled},
 * {@code delivery.dead}). Configure them with {@link io.cactus.webhooks.operational.OperationalEvents}
 * on {@link io.cactus.webhooks.Webhooks.Builder#operationalEvents}; the payloads are the records of
 * {@link io.cactus.webhooks.operational.OperationalEvent}, and their wire form is documented in
 * {@code docs/operational-events.md}.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.cactus.webhooks.operational;

import org.jspecify.annotations.NullMarked;
