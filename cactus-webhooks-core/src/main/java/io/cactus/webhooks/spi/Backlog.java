package io.cactus.webhooks.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The work not yet done, as {@link DeliveryStore#backlog()} reports it. Immutable and thread-safe.
 *
 * @param pending deliveries pending, retrying or in flight
 * @param oldestCreatedAt creation time of the oldest of them, or null when there are none
 */
public record Backlog(long pending, @Nullable Instant oldestCreatedAt) {
}
