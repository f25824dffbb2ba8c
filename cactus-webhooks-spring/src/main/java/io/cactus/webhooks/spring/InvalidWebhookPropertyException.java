package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code cactus.webhooks.*} property (or the seed variable standing in for it) has a value the
 * library cannot use. Thrown while the beans are built, so the application does not start; the
 * message names the property and the problem and never contains a secret or credential.
 */
public class InvalidWebhookPropertyException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The property at fault. */
    private final String property;
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
        super("Invalid webhook configuration: " + property + ": " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /**
     * The property at fault.
     *
     * @return its name, e.g. {@code cactus.webhooks.endpoints[0].url}, possibly with its seed variable
     */
    public String property() {
        return property;
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
