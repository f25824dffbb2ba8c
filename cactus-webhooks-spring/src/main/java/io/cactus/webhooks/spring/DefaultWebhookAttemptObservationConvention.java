package io.cactus.webhooks.spring;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.spi.AttemptStart;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The default names and tags of a webhook attempt: observation {@value #NAME}, so with Boot's
 * metrics a timer {@code cactus.webhooks.attempt} (and {@code cactus.webhooks.attempt.active}) and
 * with tracing one CLIENT span per attempt.
 *
 * <p>Low-cardinality keys (meter tags and span tags), each with a bounded set of values:
 * <ul>
 *   <li>{@code endpoint}: the endpoint id, or {@value EndpointTags#OTHER} beyond the cap;</li>
 *   <li>{@code outcome}: {@code success} (2xx) or {@code failure};</li>
 *   <li>{@code status.class}: {@code 1xx} to {@code 5xx}, or {@code none} without a response;</li>
 *   <li>{@code failure.kind}: what failed without (or after) a response, lower case
 *       ({@code timeout}, {@code connect}, ... see {@link FailureKind}), or {@code none}.</li>
 * </ul>
 * The last three are known once the attempt has ended; while it runs only {@code endpoint} is set.
 *
 * <p>High-cardinality keys (span tags only): {@code cactus.webhooks.message.id},
 * {@code cactus.webhooks.delivery.id}, {@code cactus.webhooks.endpoint.id} (never capped),
 * {@code cactus.webhooks.event.type}, {@code cactus.webhooks.attempt.number},
 * {@code http.response.status_code} (when there was a response) and {@code server.address} (the
 * endpoint's host, never its path or query).
 *
 * <p>Stateless and thread-safe.
 */
public class DefaultWebhookAttemptObservationConvention implements WebhookAttemptObservationConvention {

    /** The observation's name. */
    public static final String NAME = "cactus.webhooks.attempt";

    /** The shared instance. */
    public static final DefaultWebhookAttemptObservationConvention INSTANCE = new DefaultWebhookAttemptObservationConvention();

    private static final String NONE = "none";

    @Override
    public String getName() {
        return NAME;
    }

    /** {@code webhook <endpoint tag>}: bounded like the tag. */
    @Override
    public String getContextualName(WebhookAttemptObservationContext context) {
        return "webhook " + context.endpointTag();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WebhookAttemptObservationContext context) {
        KeyValues endpoint = KeyValues.of(KeyValue.of("endpoint", context.endpointTag()));
        AttemptOutcome outcome = context.outcome();
        if (outcome == null) {
            return endpoint;
        }
        Integer status = outcome.statusCode();
        FailureKind failure = outcome.failure();
        return endpoint.and(KeyValue.of("outcome", outcome.succeeded() ? "success" : "failure"),
                KeyValue.of("status.class", statusClass(status)),
                KeyValue.of("failure.kind", failure == null ? NONE : failure.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(WebhookAttemptObservationContext context) {
        AttemptStart a = context.attempt();
        KeyValues values = KeyValues.of(KeyValue.of("cactus.webhooks.message.id", a.messageId()),
                KeyValue.of("cactus.webhooks.delivery.id", a.deliveryId()),
                KeyValue.of("cactus.webhooks.endpoint.id", a.endpointId()),
                KeyValue.of("cactus.webhooks.event.type", a.eventType().name()),
                KeyValue.of("cactus.webhooks.attempt.number", Integer.toString(a.attempt())));
        URI url = a.url();
        String host = url == null ? null : url.getHost();
        if (host != null) {
            values = values.and(KeyValue.of("server.address", host));
        }
        AttemptOutcome outcome = context.outcome();
        Integer status = outcome == null ? null : outcome.statusCode();
        if (status != null) {
            values = values.and(KeyValue.of("http.response.status_code", Integer.toString(status)));
        }
        return values;
    }

    private static String statusClass(@Nullable Integer status) {
        if (status == null || status < 100 || status > 599) {
            return NONE;
        }
        return (status / 100) + "xx";
    }
}
