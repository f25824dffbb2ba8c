package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.WebhookEvent;
import java.util.List;

/**
 * One sender under test in {@link PeerLoadRun}, running, on its own fresh database (none for raw
 * OkHttp). Its threads send every event to the loopback receiver, which notes each id's first
 * receipt.
 */
interface PeerVariant extends AutoCloseable {

    /** Publishes one event in one transaction; returns when the call an application makes returns. */
    void publish(WebhookEvent event) throws Exception;

    /**
     * Starts what must not run before the run reads the database's counters (Cactus's dispatcher,
     * which polls when idle). Default: nothing, the variant sends once it is built.
     */
    default void start() throws Exception {
    }

    /** True when nothing is queued, being sent or being recorded (the database is quiet). */
    boolean settled();

    @Override
    void close() throws Exception;

    /** The same sender for the drain mode: events are stored while it does not send. */
    interface Pending extends AutoCloseable {

        /** Stores the events as pending (one transaction for the list); nothing is sent. */
        void store(List<WebhookEvent> events) throws Exception;

        /** Whatever must be up before sending starts; not timed, sends nothing. */
        void prepare() throws Exception;

        /** Starts sending the pending events; the drain is timed from just before this call. */
        void drain() throws Exception;

        @Override
        void close() throws Exception;
    }
}
