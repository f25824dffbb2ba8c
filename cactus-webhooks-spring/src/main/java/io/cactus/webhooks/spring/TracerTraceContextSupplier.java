package io.cactus.webhooks.spring;

import io.cactus.webhooks.W3cTraceContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads the trace context current on the calling thread from a Micrometer {@link Tracer}, as the
 * W3C {@code traceparent} (and {@code tracestate}) that a publish stores with its message. With a
 * {@link Propagator} that writes W3C headers (Boot's default), its values are taken as they are,
 * {@code tracestate} included; otherwise (B3 propagation, or none) the {@code traceparent} is built
 * from the context's ids and sampling flag.
 *
 * <p>Returns null when no span is current, or when the ids cannot make a {@code traceparent}.
 * Thread-safe.
 */
public final class TracerTraceContextSupplier implements Supplier<@Nullable W3cTraceContext> {

    private final Tracer tracer;
    private final @Nullable Propagator propagator;

    /**
     * @param tracer the application's tracer
     * @param propagator its propagator, or null
     */
    public TracerTraceContextSupplier(Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public @Nullable W3cTraceContext get() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        String traceparent = null;
        String tracestate = null;
        if (propagator != null) {
            Map<String, String> carrier = new HashMap<>(4);
            propagator.inject(context, carrier, (map, key, value) -> {
                if (map != null) {
                    map.put(key, value);
                }
            });
            traceparent = carrier.get("traceparent");
            tracestate = carrier.get("tracestate");
        }
        if (traceparent == null) {
            try {
                traceparent = W3cTraceContext.traceparentOf(context.traceId(), context.spanId(),
                        Boolean.TRUE.equals(context.sampled()));
            } catch (IllegalArgumentException e) {
                return null; // ids of a tracer that are not W3C's shape: nothing to propagate
            }
        }
        return W3cTraceContext.parse(traceparent, tracestate).orElse(null);
    }
}
