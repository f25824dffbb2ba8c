package io.cactus.webhooks.spring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the {@code endpoint} tag of the webhook meters and observations: the first
 * {@link #max()} distinct endpoint ids seen since startup are tagged with their id, every further
 * one with {@value #OTHER}. With endpoints managed at runtime (a JDBC registry, one per customer),
 * their number has no bound of its own, and each tag value is a time series per meter.
 *
 * <p>One instance is shared by {@link WebhookMetrics} and the attempt observation
 * ({@link MicrometerWebhookObserver}), so an endpoint has the same tag everywhere. Removed
 * endpoints keep their place. Thread-safe; the common case (an endpoint seen before) takes no lock.
 */
public final class EndpointTags {

    /** The tag of every endpoint beyond the cap. */
    public static final String OTHER = "other";

    /** The default cap ({@code cactus.webhooks.metrics.max-endpoint-tags}). */
    public static final int DEFAULT_MAX = 100;

    private final int max;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean full;

    /**
     * @param max how many endpoints get a tag of their own; 0 tags every endpoint {@value #OTHER}
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public EndpointTags(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the endpoint tag cap must be 0 or more, was " + max);
        }
        this.max = max;
        this.full = max == 0;
    }

    /**
     * The cap.
     *
     * @return the most endpoints tagged with their own id
     */
    public int max() {
        return max;
    }

    /**
     * The tag value for this endpoint.
     *
     * @param endpointId the endpoint
     * @return its id while the cap allows, otherwise {@value #OTHER}
     */
    public String tag(String endpointId) {
        if (known.contains(endpointId)) {
            return endpointId;
        }
        if (full) {
            return OTHER;
        }
        synchronized (this) {
            if (known.contains(endpointId)) {
                return endpointId;
            }
            if (known.size() < max) {
                known.add(endpointId);
                full = known.size() >= max;
                return endpointId;
            }
            full = true;
            return OTHER;
        }
    }

    @Override
    public String toString() {
        return "EndpointTags[max=" + max + ", used=" + known.size() + "]";
    }
}
