package io.cactus.webhooks.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * Who owns an endpoint's settings: the application at runtime ({@link #RUNTIME}, the default), or
 * the application's configuration ({@link #configuration(String)}), in which case the endpoint is
 * <em>managed by configuration</em>.
 *
 * <p>A managed endpoint is read-only at runtime: {@link io.cactus.webhooks.WebhookAdmin} and the
 * editable registries refuse to save over it, delete it or rotate its secrets, with a
 * {@link ManagedEndpointException} naming the endpoint and {@link #origin()}, where to change it.
 * Enabling and disabling it stays allowed: that is an operational switch, not a setting (see
 * docs/storage.md, "Endpoints from configuration").
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind who owns the settings
 * @param origin for {@link Kind#CONFIGURATION}, where the endpoint is configured, for people to
 *     read (for example {@code cactus.webhooks.endpoints[0] (class path resource
 *     [application.properties] - 12:34)}); null for {@link Kind#RUNTIME}
 */
public record EndpointSource(Kind kind, @Nullable String origin) {

    /** Longest {@link #origin()} kept; a longer text is cut. */
    public static final int MAX_ORIGIN_LENGTH = 1000;

    /** An endpoint created or edited at runtime: editable, the default. */
    public static final EndpointSource RUNTIME = new EndpointSource(Kind.RUNTIME, null);

    /** Who owns an endpoint's settings. */
    public enum Kind {
        /** Created at runtime (admin view, pages, API, application code); editable. */
        RUNTIME,
        /** Written from the application's configuration at startup; read-only at runtime. */
        CONFIGURATION
    }

    /**
     * Checks the pair.
     *
     * @param kind who owns the settings
     * @param origin where it is configured, for {@code CONFIGURATION}; null for {@code RUNTIME}
     * @throws IllegalArgumentException if {@code kind} is null, a {@code RUNTIME} source has an
     *     origin, or a {@code CONFIGURATION} source has a blank origin or one longer than
     *     {@value #MAX_ORIGIN_LENGTH} characters
     */
    public EndpointSource {
        if (kind == null) {
            throw new IllegalArgumentException("kind of an endpoint source must not be null");
        }
        if (kind == Kind.RUNTIME && origin != null) {
            throw new IllegalArgumentException("a RUNTIME endpoint source has no origin, was given '" + origin + "'");
        }
        if (kind == Kind.CONFIGURATION) {
            if (origin == null || origin.isBlank()) {
                throw new IllegalArgumentException("a CONFIGURATION endpoint source needs an origin (where it is"
                        + " configured), was " + (origin == null ? "null" : "blank"));
            }
            if (origin.length() > MAX_ORIGIN_LENGTH) {
                throw new IllegalArgumentException("the origin of an endpoint source is longer than "
                        + MAX_ORIGIN_LENGTH + " characters");
            }
        }
    }

    /**
     * A source for an endpoint managed by configuration.
     *
     * @param origin where it is configured, for people to read; cut to {@value #MAX_ORIGIN_LENGTH}
     *     characters if longer
     * @return the source
     * @throws IllegalArgumentException if {@code origin} is null or blank
     */
    public static EndpointSource configuration(String origin) {
        if (origin != null && origin.length() > MAX_ORIGIN_LENGTH) {
            origin = origin.substring(0, MAX_ORIGIN_LENGTH - 1) + "…";
        }
        return new EndpointSource(Kind.CONFIGURATION, origin);
    }

    /**
     * Whether the endpoint is managed by configuration, and so read-only at runtime.
     *
     * @return true for {@link Kind#CONFIGURATION}
     */
    public boolean managed() {
        return kind == Kind.CONFIGURATION;
    }

    /** {@code runtime}, or {@code configuration (<origin>)}. */
    @Override
    public String toString() {
        return managed() ? "configuration (" + origin + ")" : "runtime";
    }
}
