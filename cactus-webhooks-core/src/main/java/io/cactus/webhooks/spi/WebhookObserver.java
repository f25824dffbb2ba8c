package io.cactus.webhooks.spi;

import io.cactus.webhooks.W3cTraceContext;
import org.jspecify.annotations.Nullable;

/**
 * Lets a tracing or metrics framework watch webhooks: it supplies the trace context current when
 * an event is published (stored with the message, see {@link io.cactus.webhooks.WebhookMessage#traceContext()}),
 * and it opens an observation around each attempt. The Spring Boot adapter's implementation is built
 * on Micrometer's Observation API; without one ({@link #NONE}, the default) nothing is traced and
 * neither method costs more than a call.
 *
 * <p>Given to {@link io.cactus.webhooks.Webhooks.Builder#observer(WebhookObserver)}. Implementations
 * must be thread-safe: {@link #currentTraceContext()} runs on the threads that publish,
 * {@link #attemptStarted} and {@link AttemptObservation#finished} on the dispatcher's threads (the
 * two of one attempt usually on different threads). Neither may block. An exception thrown by
 * either is logged and otherwise ignored: observing never stops a publish or an attempt.
 */
public interface WebhookObserver {

    /** Observes nothing: no trace context, no attempt observation. */
    WebhookObserver NONE = new WebhookObserver() {
        @Override
        public String toString() {
            return "WebhookObserver.NONE";
        }
    };

    /**
     * The trace context current on the calling (publishing) thread, to be stored with the message
     * and sent to receivers; called once per publish call, before anything is stored.
     *
     * @return the context, or null when there is none (the default)
     */
    default @Nullable W3cTraceContext currentTraceContext() {
        return null;
    }

    /**
     * An attempt starts: called before it is signed and sent, once per attempt the store will
     * record (including attempts that end at once, as for a disabled or removed endpoint).
     *
     * @param attempt what starts: ids, URL, event type, attempt number, trace context
     * @return what is told the outcome, exactly once; {@link AttemptObservation#NONE} by default
     */
    default AttemptObservation attemptStarted(AttemptStart attempt) {
        return AttemptObservation.NONE;
    }
}
