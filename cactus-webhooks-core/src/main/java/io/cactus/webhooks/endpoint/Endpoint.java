package io.cactus.webhooks.endpoint;

import io.cactus.webhooks.internal.Checks;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A receiver of webhooks: where to send, which events, how to sign and authenticate, and how much
 * load it may take.
 *
 * <p>Build one with {@link #builder(String, String)} and derive changed copies with
 * {@link #toBuilder()}; there is no public constructor, so that new settings (a timeout, a
 * description, a tenant) can be added without breaking callers. Two endpoints are equal when every
 * setting is equal, secrets included.
 *
 * <p>Immutable and thread-safe: lists and maps are copied in and cannot be modified.
 * {@code toString()} shows no secret, credential or header value.
 *
 * <p>No accessor returns null: {@link #filters()} and {@link #secrets()} hold at least one element,
 * {@link #auth()} is {@link EndpointAuth#NONE} when there is none, {@link #headers()} is empty when
 * there are none, and {@link #headerStyle()} defaults to {@link HeaderStyle#STANDARD}.
 */
public final class Endpoint {

    /** Default cap on attempts under way at once to one endpoint. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String id;
    private final URI url;
    private final List<EventFilter> filters;
    private final boolean enabled;
    private final List<WebhookSecret> secrets;
    private final EndpointAuth auth;
    private final Map<String, String> headers;
    private final HeaderStyle headerStyle;
    private final int maxInFlight;
    private final double rateLimitPerSecond;

    /** The builder checked the other settings when they were given; here the id is checked, defaults filled in. */
    private Endpoint(Builder b) {
        this.id = checkId(b.id);
        this.url = b.url;
        this.filters = b.filters.isEmpty() ? List.of(EventFilter.ALL) : List.copyOf(b.filters);
        this.enabled = b.enabled;
        this.secrets = b.secrets.isEmpty() ? List.of(WebhookSecret.generate()) : List.copyOf(b.secrets);
        this.auth = b.auth;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.headerStyle = b.headerStyle;
        this.maxInFlight = b.maxInFlight;
        this.rateLimitPerSecond = b.rateLimitPerSecond;
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("endpoint id '" + id
                    + "' is invalid: use 1 to 64 letters, digits, '_' or '-'");
        }
        return id;
    }

    /** Unique name, 1-64 characters of letters, digits, {@code _} and {@code -}; never null. */
    public String id() {
        return id;
    }

    /** Absolute {@code http} or {@code https} URL without user info or fragment; never null. */
    public URI url() {
        return url;
    }

    /** Event types it receives; at least one, unmodifiable. */
    public List<EventFilter> filters() {
        return filters;
    }

    /** Whether it receives anything; a disabled endpoint gets no new deliveries. */
    public boolean enabled() {
        return enabled;
    }

    /** Signing secrets, newest first; several while rotating; at least one, unmodifiable. */
    public List<WebhookSecret> secrets() {
        return secrets;
    }

    /** Authentication header beside the signature; {@link EndpointAuth#NONE} when there is none. */
    public EndpointAuth auth() {
        return auth;
    }

    /** Extra headers sent with every request, in the order given; unmodifiable, possibly empty. */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@code webhook-*} or {@code svix-*} signature headers; never null. */
    public HeaderStyle headerStyle() {
        return headerStyle;
    }

    /** Most attempts under way at once to this endpoint; at least 1. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Most attempts started per second; 0 for no limit. */
    public double rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /**
     * Parses and checks a URL the way the builder does.
     *
     * @throws IllegalArgumentException if it is blank, not an absolute http(s) URL, has no host, or
     *     has user info or a fragment
     */
    public static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("endpoint url must not be blank");
        }
        try {
            return checkUrl(new URI(url.strip()), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint url '" + url + "' is not a valid URI: " + e.getReason());
        }
    }

    private static URI checkUrl(@Nullable URI url, @Nullable String id) {
        String of = id == null ? "" : " of endpoint '" + id + "'";
        if (url == null) {
            throw new IllegalArgumentException("url" + of + " must not be null");
        }
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("url" + of + " must be an absolute http or https URL, was '" + url + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("url" + of + " has no host: '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url" + of
                    + " must not contain user info; use basic auth on the endpoint instead");
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException("url" + of + " must not contain a fragment");
        }
        return url;
    }

    /** Whether this endpoint is enabled and one of its filters matches {@code type}. */
    public boolean subscribesTo(EventType type) {
        if (!enabled) {
            return false;
        }
        for (EventFilter filter : filters) {
            if (filter.matches(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A builder for an endpoint receiving every event type, with one generated secret unless set.
     * The id is checked by {@link Builder#build()} (callers map an exception from here to the URL).
     *
     * @throws IllegalArgumentException if the URL is invalid
     */
    public static Builder builder(String id, String url) {
        return new Builder(id, parseUrl(url));
    }

    /** A builder holding every setting of this endpoint, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id, url);
        b.filters.addAll(filters);
        b.enabled = enabled;
        b.secrets.addAll(secrets);
        b.auth = auth;
        b.headers.putAll(headers);
        b.headerStyle = headerStyle;
        b.maxInFlight = maxInFlight;
        b.rateLimitPerSecond = rateLimitPerSecond;
        return b;
    }

    /** A copy with {@code enabled} changed. */
    public Endpoint withEnabled(boolean value) {
        return value == enabled ? this : toBuilder().enabled(value).build();
    }

    /** Equal when every setting is equal, secrets and credentials included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && id.equals(e.id) && url.equals(e.url) && filters.equals(e.filters)
                && enabled == e.enabled && secrets.equals(e.secrets) && auth.equals(e.auth)
                && headers.equals(e.headers) && headerStyle == e.headerStyle && maxInFlight == e.maxInFlight
                && Double.compare(rateLimitPerSecond, e.rateLimitPerSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, url, filters, enabled, secrets, auth, headers, headerStyle, maxInFlight,
                rateLimitPerSecond);
    }

    /** Shows no secret, credential or header value. */
    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", url=" + url + ", filters=" + filters + ", enabled=" + enabled
                + ", secrets=" + secrets.size() + ", auth=" + auth + ", headers=" + headers.keySet()
                + ", headerStyle=" + headerStyle + ", maxInFlight=" + maxInFlight
                + ", rateLimitPerSecond=" + rateLimitPerSecond + "]";
    }

    /**
     * Builds an {@link Endpoint}. Every argument is checked at the call, naming the argument and the
     * endpoint; {@link #build()} checks the id and fills in the defaults. Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private URI url;
        private final List<EventFilter> filters = new ArrayList<>();
        private boolean enabled = true;
        private final List<WebhookSecret> secrets = new ArrayList<>();
        private EndpointAuth auth = EndpointAuth.NONE;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HeaderStyle headerStyle = HeaderStyle.STANDARD;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private double rateLimitPerSecond;

        private Builder(String id, URI url) {
            this.id = id;
            this.url = url;
        }

        /** Replaces the URL; checked as {@link Endpoint#parseUrl(String)} checks it. */
        public Builder url(String value) {
            this.url = parseUrl(value);
            return this;
        }

        /** Adds filters such as {@code client.created}, {@code client.*} or {@code *}. */
        public Builder events(String... patterns) {
            if (patterns == null) {
                throw new IllegalArgumentException("events of endpoint '" + id + "' must not be null");
            }
            for (String p : patterns) {
                filters.add(EventFilter.of(p));
            }
            return this;
        }

        /** Replaces the filters. */
        public Builder filters(List<EventFilter> value) {
            if (value == null || Checks.hasNull(value)) {
                throw new IllegalArgumentException("filters of endpoint '" + id + "' must not be null or contain null");
            }
            filters.clear();
            filters.addAll(value);
            return this;
        }

        /** Whether it receives anything; default true. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** Adds a signing secret; the first added is the newest. */
        public Builder secret(WebhookSecret value) {
            if (value == null) {
                throw new IllegalArgumentException("secret must not be null");
            }
            secrets.add(value);
            return this;
        }

        /** Adds a signing secret in its text form {@code whsec_...}. */
        public Builder secret(String value) {
            return secret(WebhookSecret.parse(value));
        }

        /** Replaces the secrets. */
        public Builder secrets(List<WebhookSecret> value) {
            if (value == null || Checks.hasNull(value)) {
                throw new IllegalArgumentException("secrets of endpoint '" + id + "' must not be null or contain null");
            }
            secrets.clear();
            secrets.addAll(value);
            return this;
        }

        /** The authentication header beside the signature; null means {@link EndpointAuth#NONE}. */
        public Builder auth(EndpointAuth value) {
            this.auth = value == null ? EndpointAuth.NONE : value;
            return this;
        }

        /** HTTP basic authentication. */
        public Builder basicAuth(String username, String password) {
            return auth(EndpointAuth.basic(username, password));
        }

        /** An {@code Authorization: Bearer} token. */
        public Builder bearerToken(String token) {
            return auth(EndpointAuth.bearer(token));
        }

        /** Adds a header sent with every request; checked here as the endpoint checks it. */
        public Builder header(String name, String value) {
            HeaderRules.checkExtraHeader(name, value, id);
            headers.put(name, value);
            return this;
        }

        /** Replaces the extra headers; each is checked as {@link #header(String, String)} checks it. */
        public Builder headers(Map<String, String> value) {
            if (value == null) {
                throw new IllegalArgumentException("headers of endpoint '" + id + "' must not be null");
            }
            Map<String, String> checked = new LinkedHashMap<>();
            value.forEach((name, v) -> {
                HeaderRules.checkExtraHeader(name, v, id);
                checked.put(name, v);
            });
            headers.clear();
            headers.putAll(checked);
            return this;
        }

        /** {@code webhook-*} (default) or {@code svix-*} signature headers. */
        public Builder headerStyle(HeaderStyle value) {
            if (value == null) {
                throw new IllegalArgumentException("headerStyle of endpoint '" + id + "' must not be null");
            }
            this.headerStyle = value;
            return this;
        }

        /** Most attempts under way at once; at least 1, default {@value Endpoint#DEFAULT_MAX_IN_FLIGHT}. */
        public Builder maxInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /** Most attempts started per second; 0 (the default) for no limit. */
        public Builder rateLimitPerSecond(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("rateLimitPerSecond must be 0 (none) or positive, was " + value);
            }
            this.rateLimitPerSecond = value;
            return this;
        }

        /** Defaults: filter {@code *} when none was given; a generated secret when none was given. */
        /** @throws IllegalArgumentException if the id is not 1 to 64 letters, digits, {@code _} or {@code -} */
        public Endpoint build() {
            return new Endpoint(this);
        }
    }
}
