package io.cactus.webhooks.spi;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where endpoints' circuit states live ({@link HealthState}: failure streak, pause, probe). A
 * durable, shared store (the JDBC one) lets a restarted process, or another process on the same
 * database, see an endpoint as paused; the dispatcher decides the transitions, the store only keeps
 * them atomically.
 *
 * <p>Implementations must be thread-safe; shared ones must make {@link #update} atomic across
 * processes (a row lock). Only endpoints whose state is not clean ({@link HealthState#isClean()})
 * are stored, so the store is small and {@link #all()} cheap.
 */
public interface EndpointHealthStore {

    /**
     * Every stored state, in no particular order: one read, cheap enough for every dispatcher to
     * call every second.
     *
     * @return the states of the endpoints that are not clean; empty if every endpoint is healthy
     * @throws io.cactus.webhooks.WebhookException if the store cannot be read
     */
    List<HealthState> all();

    /**
     * Atomically reads the endpoint's state ({@link HealthState#healthy} when none is stored),
     * applies {@code change}, and stores what it returns (removing it when clean). {@code change}
     * may run more than once and must have no side effects. Concurrent updates of one endpoint,
     * from this process or another one sharing the store, are applied one after the other: none
     * is lost, and of two changes that take a probe only the first sees the endpoint paused.
     *
     * @param endpointId the endpoint id
     * @param change computes the new state from the old one
     * @return the state now stored, as {@link #all()} would return it (a store may keep instants
     *     to the microsecond and the last pause to the millisecond)
     * @throws IllegalArgumentException if the id is null, blank or longer than
     *     {@value OutboundMessage#MAX_ENDPOINT_ID} characters, {@code change} is null, or it
     *     returns null or a state of another endpoint; nothing is stored then
     * @throws RuntimeException whatever {@code change} throws, as it is; nothing is stored then
     * @throws io.cactus.webhooks.WebhookException if the store cannot be read or written
     */
    HealthState update(String endpointId, UnaryOperator<HealthState> change);
}
