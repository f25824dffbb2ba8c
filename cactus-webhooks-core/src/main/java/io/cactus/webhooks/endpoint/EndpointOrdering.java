package io.cactus.webhooks.endpoint;

import java.util.Locale;

/**
 * Whether an endpoint receives the deliveries of one {@linkplain io.cactus.webhooks.WebhookEvent#orderingKey()
 * ordering key} one at a time, in publish order, and what happens when the first of them (the key's
 * head) has used all its attempts. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #UNORDERED} (the default): every delivery goes as soon as a slot is free; an
 *       ordering key is ignored.</li>
 *   <li>{@link #PER_KEY_BLOCK}: one delivery per key in flight at a time, in the order the
 *       publishing transactions committed; different keys go in parallel up to the endpoint's
 *       in-flight cap. A head that used all its attempts becomes
 *       {@link io.cactus.webhooks.delivery.DeliveryStatus#BLOCKED BLOCKED} and its key waits for an
 *       operator ({@code WebhookAdmin.redeliver} retries it in its place, {@code WebhookAdmin.skip}
 *       makes it DEAD and lets the next one go).</li>
 *   <li>{@link #PER_KEY_SKIP}: as {@code PER_KEY_BLOCK}, but such a head goes DEAD and the next
 *       delivery of its key proceeds.</li>
 * </ul>
 * A delivery without an ordering key to an ordered endpoint is not ordered: it goes as on an
 * unordered endpoint, and never waits for a key.
 */
public enum EndpointOrdering {
    /** No ordering: deliveries go in parallel up to the in-flight cap. */
    UNORDERED,
    /** One at a time per key, in commit order; an exhausted head blocks its key until an operator acts. */
    PER_KEY_BLOCK,
    /** One at a time per key, in commit order; an exhausted head goes DEAD and the next one proceeds. */
    PER_KEY_SKIP;

    /**
     * Whether deliveries with the same key are sent one at a time.
     *
     * @return false only for {@link #UNORDERED}
     */
    public boolean isOrdered() {
        return this != UNORDERED;
    }

    /**
     * The ordering named as in configuration: {@code unordered}, {@code per-key-block} or
     * {@code per-key-skip} (any case, {@code _} for {@code -}).
     *
     * @param name the name
     * @return the ordering
     * @throws IllegalArgumentException if the name is null or none of these, listing the valid ones
     */
    public static EndpointOrdering named(String name) {
        if (name != null) {
            String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (EndpointOrdering o : values()) {
                if (o.name().equals(n)) {
                    return o;
                }
            }
        }
        throw new IllegalArgumentException("ordering '" + name
                + "' is not one of unordered, per-key-block, per-key-skip");
    }
}
