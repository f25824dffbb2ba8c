package io.cactus.webhooks.spring;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.spi.AttemptStart;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer {@link Observation.Context} of one webhook attempt ({@code cactus.webhooks.attempt}):
 * what the attempt is, its bounded {@code endpoint} tag, and, once it has ended, its outcome. Read by
 * {@link WebhookAttemptObservationConvention}s and by {@link WebhookAttemptTracingObservationHandler}.
 *
 * <p>Made and finished by {@link MicrometerWebhookObserver}; the outcome is set once, before the
 * observation stops, on the thread that read the response. Not meant to be shared otherwise.
 */
public class WebhookAttemptObservationContext extends Observation.Context {

    private final AttemptStart attempt;
    private final String endpointTag;
    private volatile @Nullable AttemptOutcome outcome;

    /**
     * @param attempt the attempt
     * @param endpointTag its endpoint's tag value, from {@link EndpointTags#tag(String)}
     */
    public WebhookAttemptObservationContext(AttemptStart attempt, String endpointTag) {
        this.attempt = attempt;
        this.endpointTag = endpointTag;
    }

    /**
     * The attempt.
     *
     * @return delivery, message, endpoint, URL, event type, number, publish-time trace context
     */
    public AttemptStart attempt() {
        return attempt;
    }

    /**
     * The {@code endpoint} tag value.
     *
     * @return the endpoint id, or {@value EndpointTags#OTHER} beyond the cap
     */
    public String endpointTag() {
        return endpointTag;
    }

    /**
     * The outcome.
     *
     * @return the outcome, or null while the attempt is under way
     */
    public @Nullable AttemptOutcome outcome() {
        return outcome;
    }

    /**
     * Sets the outcome; called once when the attempt ends.
     *
     * @param value the outcome
     */
    public void outcome(AttemptOutcome value) {
        this.outcome = value;
    }
}
