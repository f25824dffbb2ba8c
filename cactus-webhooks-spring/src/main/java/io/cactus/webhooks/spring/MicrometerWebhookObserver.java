package io.cactus.webhooks.spring;

import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.spi.AttemptObservation;
import io.cactus.webhooks.spi.AttemptStart;
import io.cactus.webhooks.spi.WebhookObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The core's {@link WebhookObserver} on Micrometer's Observation API: one observation
 * {@value DefaultWebhookAttemptObservationConvention#NAME} per attempt, started when the attempt
 * starts and stopped when its response was read (or it failed), with a
 * {@link WebhookAttemptObservationContext}; and, at publish, the trace context the given supplier
 * reads (a {@link TracerTraceContextSupplier} with Micrometer Tracing), stored with the message.
 *
 * <p>Whatever handlers the {@link ObservationRegistry} has see the observation: Boot's meter
 * handler makes the {@code cactus.webhooks.attempt} timer, a tracing handler (this library's
 * {@link WebhookAttemptTracingObservationHandler}) the span. With a no-op registry nothing is
 * made per attempt.
 *
 * <p>Thread-safe.
 */
public class MicrometerWebhookObserver implements WebhookObserver {

    private final ObservationRegistry registry;
    private final EndpointTags endpoints;
    private final Supplier<@Nullable W3cTraceContext> currentTraceContext;
    private final @Nullable WebhookAttemptObservationConvention convention;

    /**
     * @param registry where attempts are observed
     * @param endpoints bounds the {@code endpoint} tag
     * @param currentTraceContext the trace context of the publishing thread, or null when there is
     *     none; {@code () -> null} without tracing
     * @param convention replaces {@link DefaultWebhookAttemptObservationConvention}; null for the default
     */
    public MicrometerWebhookObserver(ObservationRegistry registry, EndpointTags endpoints,
            Supplier<@Nullable W3cTraceContext> currentTraceContext,
            @Nullable WebhookAttemptObservationConvention convention) {
        this.registry = registry;
        this.endpoints = endpoints;
        this.currentTraceContext = currentTraceContext;
        this.convention = convention;
    }

    @Override
    public @Nullable W3cTraceContext currentTraceContext() {
        return currentTraceContext.get();
    }

    @Override
    public AttemptObservation attemptStarted(AttemptStart attempt) {
        if (registry.isNoop()) {
            return AttemptObservation.NONE;
        }
        WebhookAttemptObservationContext context = new WebhookAttemptObservationContext(attempt,
                endpoints.tag(attempt.endpointId()));
        Observation observation = Observation.createNotStarted(convention,
                DefaultWebhookAttemptObservationConvention.INSTANCE, () -> context, registry).start();
        return outcome -> finish(observation, context, outcome);
    }

    private static void finish(Observation observation, WebhookAttemptObservationContext context,
            AttemptOutcome outcome) {
        context.outcome(outcome);
        Throwable cause = outcome.cause();
        if (cause != null) {
            observation.error(cause);
        }
        observation.stop();
    }

    @Override
    public String toString() {
        return "MicrometerWebhookObserver[" + endpoints + "]";
    }
}
