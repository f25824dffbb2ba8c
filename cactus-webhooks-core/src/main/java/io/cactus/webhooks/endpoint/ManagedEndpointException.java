package io.cactus.webhooks.endpoint;

import io.cactus.webhooks.WebhookException;

/**
 * An edit refused because the endpoint is managed by configuration ({@link EndpointSource#managed()}):
 * saving over it, deleting it, rotating or retiring its secrets. Nothing was changed. The message
 * names the endpoint and where it is configured; change it there and restart the application.
 * Enabling and disabling a managed endpoint are allowed and never throw this.
 */
public class ManagedEndpointException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The endpoint's id. */
    private final String endpointId;
    /** Where it is configured. */
    private final String origin;

    /**
     * A refusal of {@code action} on a managed endpoint.
     *
     * @param endpointId the endpoint's id
     * @param source its source; managed
     * @param action what was refused, such as {@code edited} or {@code deleted}
     * @throws IllegalArgumentException if {@code source} is not managed
     */
    public ManagedEndpointException(String endpointId, EndpointSource source, String action) {
        super("endpoint '" + endpointId + "' is managed by configuration and cannot be " + action
                + " at runtime: change it in " + originOf(source) + " and restart the application"
                + " (it can still be enabled and disabled here)");
        this.endpointId = endpointId;
        this.origin = originOf(source);
    }

    private static String originOf(EndpointSource source) {
        String origin = source.origin();
        if (!source.managed() || origin == null) {
            throw new IllegalArgumentException("endpoint source " + source + " is not managed by configuration");
        }
        return origin;
    }

    /**
     * The endpoint that was not changed.
     *
     * @return its id
     */
    public String endpointId() {
        return endpointId;
    }

    /**
     * Where the endpoint is configured, the place to change it.
     *
     * @return the {@link EndpointSource#origin()} of the endpoint
     */
    public String origin() {
        return origin;
    }
}
