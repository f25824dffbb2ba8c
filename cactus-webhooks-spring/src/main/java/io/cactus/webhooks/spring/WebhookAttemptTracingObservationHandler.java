package io.cactus.webhooks.spring;

import io.cactus.webhooks.W3cTraceContext;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.core.Ordered;

/**
 * Makes the span of a webhook attempt: a CLIENT span per {@link WebhookAttemptObservationContext},
 * with a <em>link</em> to the span that was current when the message was published
 * ({@link io.cactus.webhooks.spi.AttemptStart#traceContext()}), not as its child.
 *
 * <p>Why a link: an attempt is not part of the work that published it. It runs after the
 * publisher's transaction committed, on a dispatcher thread, possibly on another node, and a retry
 * may run hours later; as a child it would keep the publishing trace open for as long as the
 * retries last, each retry one more child. OpenTelemetry's messaging conventions treat a broker the
 * same way: its delivery spans link to the message's creation context, and the creation context
 * travels with the message to the consumer unchanged. Here the consumer is the receiver: the
 * {@code traceparent} header it gets is the publish's context (see
 * {@link io.cactus.webhooks.Webhooks.Builder#propagateTraceContext(boolean)}), so its server span
 * joins the publisher's trace, and each attempt's span is the root of its own trace, linked to it.
 * One consequence: the sampler decides on an attempt's trace by itself (samplers do not follow
 * links), while the receiver follows the publish's sampling flag.
 *
 * <p>An attempt observed inside another observation (none is, from the dispatcher's threads) is
 * that one's child, still with the link. Spans are named and tagged at stop like Micrometer's
 * default handler does. Register it before {@link io.micrometer.tracing.handler.DefaultTracingObservationHandler}
 * (the auto-configuration gives it order {@value #ORDER}); it supports no other context.
 * Thread-safe.
 */
public class WebhookAttemptTracingObservationHandler implements TracingObservationHandler<WebhookAttemptObservationContext> {

    /** Its order among the observation handlers: before Micrometer's default tracing handler. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2000;

    private final Tracer tracer;

    /**
     * A handler that opens the attempt spans with this tracer.
     *
     * @param tracer the application's tracer
     */
    public WebhookAttemptTracingObservationHandler(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void onStart(WebhookAttemptObservationContext context) {
        Span.Builder builder = tracer.spanBuilder().name(getSpanName(context)).kind(Span.Kind.CLIENT)
                .remoteServiceName(context.endpointTag());
        Span parent = getParentSpan(context);
        if (parent != null) {
            builder.setParent(parent.context());
        } else {
            builder.setNoParent();
        }
        W3cTraceContext published = context.attempt().traceContext();
        if (published != null) {
            builder.addLink(new Link(tracer.traceContextBuilder().traceId(published.traceId())
                    .spanId(published.parentId()).sampled(published.sampled()).build()));
        }
        getTracingContext(context).setSpan(builder.start());
    }

    @Override
    public void onStop(WebhookAttemptObservationContext context) {
        Span span = getRequiredSpan(context);
        span.name(getSpanName(context));
        tagSpan(context, span);
        endSpan(context, span);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof WebhookAttemptObservationContext;
    }

    @Override
    public Tracer getTracer() {
        return tracer;
    }
}
