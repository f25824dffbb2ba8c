package io.cactus.webhooks.operational;

import io.cactus.webhooks.spi.OutboundMessage;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the library sends its own operational events, and which kinds. The operator endpoint is an
 * ordinary endpoint of the registry (same secret handling, retries, network policy and health);
 * operational events reach it by a targeted publish, never through event filters, so an endpoint
 * subscribed to {@code *} does not get them. The operator endpoint's own pauses, recoveries,
 * disablings and dead deliveries raise no operational event (they could loop). Off by default
 * ({@link #off()}).
 *
 * <pre>{@code
 * Webhooks.builder().operationalEvents(OperationalEvents.to("ops")
 *         .types(OperationalEventType.ENDPOINT_DISABLED, OperationalEventType.DELIVERY_DEAD))
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #types} returns a changed copy.
 */
public final class OperationalEvents {

    private static final OperationalEvents OFF = new OperationalEvents(null, Set.of());

    private final @Nullable String endpointId;
    private final Set<OperationalEventType> types;

    private OperationalEvents(@Nullable String endpointId, Set<OperationalEventType> types) {
        this.endpointId = endpointId;
        this.types = types;
    }

    /**
     * Operational events of every kind to one endpoint. The endpoint need not exist yet: while it
     * is missing or disabled, events are raised (and told to listeners) but not sent.
     *
     * @param endpointId the operator endpoint's id
     * @return a configuration with every {@link OperationalEventType}
     * @throws IllegalArgumentException if the id is null, blank or longer than
     *     {@value OutboundMessage#MAX_ENDPOINT_ID} characters
     */
    public static OperationalEvents to(String endpointId) {
        if (endpointId == null || endpointId.isBlank() || endpointId.length() > OutboundMessage.MAX_ENDPOINT_ID) {
            throw new IllegalArgumentException("operational events endpoint id must be 1 to "
                    + OutboundMessage.MAX_ENDPOINT_ID + " characters and not blank, was '" + endpointId + "'");
        }
        return new OperationalEvents(endpointId.strip(), Set.copyOf(EnumSet.allOf(OperationalEventType.class)));
    }

    /**
     * No operational events: the default.
     *
     * @return the shared "off" value
     */
    public static OperationalEvents off() {
        return OFF;
    }

    /**
     * The same endpoint with only these kinds.
     *
     * @param first a kind to send
     * @param more more kinds
     * @return a copy with exactly the given kinds
     * @throws IllegalArgumentException if a kind is null
     * @throws IllegalStateException if this is {@link #off()} (there is no endpoint to send to)
     */
    public OperationalEvents types(OperationalEventType first, OperationalEventType... more) {
        Objects.requireNonNull(more, "more");
        EnumSet<OperationalEventType> set = EnumSet.noneOf(OperationalEventType.class);
        set.add(checked(first));
        for (OperationalEventType t : more) {
            set.add(checked(t));
        }
        return types(set);
    }

    /**
     * The same endpoint with only these kinds.
     *
     * @param kinds the kinds to send, at least one
     * @return a copy with exactly the given kinds
     * @throws IllegalArgumentException if the collection is null, empty or holds null
     * @throws IllegalStateException if this is {@link #off()}
     */
    public OperationalEvents types(java.util.Collection<OperationalEventType> kinds) {
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("operational event types must name at least one type");
        }
        EnumSet<OperationalEventType> set = EnumSet.noneOf(OperationalEventType.class);
        for (OperationalEventType t : kinds) {
            set.add(checked(t));
        }
        if (endpointId == null) {
            throw new IllegalStateException("operational events are off: choose the endpoint first, with to(endpointId)");
        }
        return new OperationalEvents(endpointId, Set.copyOf(set));
    }

    private static OperationalEventType checked(@Nullable OperationalEventType t) {
        if (t == null) {
            throw new IllegalArgumentException("operational event types must not hold null");
        }
        return t;
    }

    /**
     * Whether operational events are raised at all.
     *
     * @return false for {@link #off()}
     */
    public boolean enabled() {
        return endpointId != null;
    }

    /**
     * The operator endpoint.
     *
     * @return its id, or empty when off
     */
    public Optional<String> endpointId() {
        return Optional.ofNullable(endpointId);
    }

    /**
     * The kinds raised.
     *
     * @return an unmodifiable set; empty when off
     */
    public Set<OperationalEventType> types() {
        return types;
    }

    /**
     * Whether events of this kind are raised.
     *
     * @param type a kind
     * @return true when on and the kind is among {@link #types()}
     */
    public boolean includes(OperationalEventType type) {
        return types.contains(type);
    }

    /**
     * Whether the endpoint is the operator endpoint, whose own troubles raise nothing.
     *
     * @param id an endpoint id
     * @return true if it is this configuration's endpoint
     */
    public boolean isOperatorEndpoint(String id) {
        return id.equals(endpointId);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof OperationalEvents other && Objects.equals(endpointId, other.endpointId)
                && types.equals(other.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpointId, types);
    }

    @Override
    public String toString() {
        return endpointId == null ? "OperationalEvents[off]"
                : "OperationalEvents[to=" + endpointId + ", types=" + List.copyOf(EnumSet.copyOf(types)) + "]";
    }
}
