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

    /** Every stored state, in no particular order. */
    List<HealthState> all();

    /**
     * Atomically reads the endpoint's state ({@link HealthState#healthy} when none is stored),
     * applies {@code change}, and stores what it returns (removing it when clean). {@code change}
     * may run more than once and must have no side effects.
     *
     * @return the state now stored
     * @throws IllegalArgumentException if the id is blank or {@code change} returns null or a
     *     state of another endpoint
     * @throws io.cactus.webhooks.WebhookException if the store cannot be written
     */
    HealthState update(String endpointId, UnaryOperator<HealthState> change);
}
