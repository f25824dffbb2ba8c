package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A webhook setting has a value the library cannot use: a {@code cactus.webhooks.*} property, or
 * an application's own variable that it maps onto one. Thrown while the beans are built, so the
 * application does not start; the message names the property, where it was set when that is
 * known, and the problem, as the core states it. It never contains a secret or credential.
 */
public class InvalidWebhookPropertyException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The property at fault. */
    private final String property;
    /** Where its value was set, or null. */
    private final @Nullable String origin;
    /** What is wrong with its value. */
    private final String problem;

    /**
     * A bad value without an exception behind it.
     *
     * @param property the property, e.g. {@code cactus.webhooks.endpoints[0].url}
     * @param problem what is wrong with its value; never the secret itself
     */
    public InvalidWebhookPropertyException(String property, String problem) {
        this(property, problem, null);
    }

    /**
     * A bad value that the core refused with {@code cause}.
     *
     * @param property the property, e.g. {@code cactus.webhooks.endpoints[0].url}
     * @param problem what is wrong with its value; never the secret itself
     * @param cause the core's exception, or null
     */
    public InvalidWebhookPropertyException(String property, String problem, @Nullable Throwable cause) {
        this(property, null, problem, cause);
    }

    /**
     * A bad value set at a known place.
     *
     * @param property the property, e.g. {@code cactus.webhooks.endpoints[0].url}
     * @param origin where the value was set, as Spring Boot's origin tracking describes it (e.g.
     *     {@code class path resource [application.properties] - 12:34}), or null when not known
     * @param problem what is wrong with its value; never the secret itself
     * @param cause the core's exception, or null
     */
    public InvalidWebhookPropertyException(String property, @Nullable String origin, String problem,
            @Nullable Throwable cause) {
        super("Invalid webhook configuration: " + property + (origin == null ? "" : " (from " + origin + ")") + ": "
                + problem, cause);
        this.property = property;
        this.origin = origin;
        this.problem = problem;
    }

    /**
     * The property at fault.
     *
     * @return its name, e.g. {@code cactus.webhooks.endpoints[0].url}
     */
    public String property() {
        return property;
    }

    /**
     * Where the value was set.
     *
     * @return a description of the place (a file and line, an environment variable, ...), or empty
     *     when not known, for example when the property was not set and its default is at fault
     */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * What is wrong with its value.
     *
     * @return the problem, without the property's name
     */
    public String problem() {
        return problem;
    }

    /** The problem as the core's exception states it (its messages name the value, never a secret). */
    static String problemOf(RuntimeException e) {
        String message = e.getMessage();
        return message != null ? message : "invalid value (" + e.getClass().getSimpleName() + ")";
    }
}
