package io.cactus.webhooks.endpoint;

import io.cactus.webhooks.internal.Checks;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
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
 * there are none, {@link #headerStyle()} defaults to {@link HeaderStyle#STANDARD} and
 * {@link #source()} to {@link EndpointSource#RUNTIME}; only {@link #tenant()} may be null (no tenant).
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
    private final EndpointSource source;
    private final EndpointOrdering ordering;
    private final @Nullable TenantId tenant;

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
        this.source = b.source;
        this.ordering = b.ordering;
        this.tenant = b.tenant;
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("endpoint id '" + id
                    + "' is invalid: use 1 to 64 letters, digits, '_' or '-'");
        }
        return id;
    }

    /**
     * The endpoint's unique name.
     *
     * @return 1 to 64 characters of letters, digits, {@code _} and {@code -}
     */
    public String id() {
        return id;
    }

    /**
     * Where requests are POSTed.
     *
     * @return an absolute {@code http} or {@code https} URL with a host, without user info or fragment
     */
    public URI url() {
        return url;
    }

    /**
     * Event types it receives.
     *
     * @return the filters, at least one ({@code *} unless given); unmodifiable
     */
    public List<EventFilter> filters() {
        return filters;
    }

    /**
     * Whether it receives anything. A disabled endpoint gets no new deliveries, and deliveries
     * already stored for it are cancelled when their turn comes.
     *
     * @return true if enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Signing secrets, newest first; several while rotating. Each request is signed with all of them.
     *
     * @return at least one secret (a generated one unless given); unmodifiable
     */
    public List<WebhookSecret> secrets() {
        return secrets;
    }

    /**
     * Authentication header beside the signature.
     *
     * @return the authentication; {@link EndpointAuth#NONE} when there is none
     */
    public EndpointAuth auth() {
        return auth;
    }

    /**
     * Extra headers sent with every request, in the order given. They never replace a header the
     * library or the authentication sets.
     *
     * @return the headers by name; unmodifiable, possibly empty
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Which names the signature headers get.
     *
     * @return {@link HeaderStyle#STANDARD} ({@code webhook-*}, the default) or
     *     {@link HeaderStyle#SVIX} ({@code svix-*})
     */
    public HeaderStyle headerStyle() {
        return headerStyle;
    }

    /**
     * Most attempts under way at once to this endpoint (one while it is probed).
     *
     * @return at least 1; {@value #DEFAULT_MAX_IN_FLIGHT} unless set
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Most attempts started per second, spread evenly.
     *
     * @return a positive rate, or 0 for no limit
     */
    public double rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /**
     * Who owns its settings. An endpoint {@linkplain EndpointSource#managed() managed by
     * configuration} is read-only at runtime: the admin view and the editable registries refuse to
     * save over it, delete it or rotate its secrets ({@link ManagedEndpointException}), but enable
     * and disable it.
     *
     * @return the source; {@link EndpointSource#RUNTIME} unless set, never null
     */
    public EndpointSource source() {
        return source;
    }

    /**
     * Whether deliveries with the same ordering key go one at a time, in publish order, and what an
     * exhausted head does; see {@link EndpointOrdering}.
     *
     * @return the ordering; {@link EndpointOrdering#UNORDERED} unless set
     */
    public EndpointOrdering ordering() {
        return ordering;
    }

    /**
     * The tenant that owns this endpoint: it receives only that tenant's events, and only a view
     * scoped to that tenant (or an unscoped one) sees it. See docs/tenants.md.
     *
     * @return the tenant, or null for an endpoint of the application itself (receiving only events
     *     without a tenant, as before tenants existed)
     */
    public @Nullable TenantId tenant() {
        return tenant;
    }

    /**
     * Parses and checks a URL the way the builder does. Surrounding whitespace is stripped. The
     * network policy is not consulted here: see {@link io.cactus.webhooks.http.NetworkPolicy#checkUrl}.
     *
     * @param url the URL text
     * @return the URL
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

    /**
     * Whether this endpoint gets events of a type.
     *
     * @param type the event type
     * @return true if it is enabled and one of its filters matches {@code type}
     */
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
     * @param id the endpoint's unique name: 1 to 64 letters, digits, {@code _} or {@code -}
     * @param url an absolute http(s) URL, checked as {@link #parseUrl(String)} checks it
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the URL is invalid
     */
    public static Builder builder(String id, String url) {
        return new Builder(id, parseUrl(url));
    }

    /**
     * A builder holding every setting of this endpoint, secrets included, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
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
        b.source = source;
        b.ordering = ordering;
        b.tenant = tenant;
        return b;
    }

    /**
     * A copy with {@code enabled} changed.
     *
     * @param value whether the copy is enabled
     * @return this endpoint if it already has that value, else a new one
     */
    public Endpoint withEnabled(boolean value) {
        return value == enabled ? this : toBuilder().enabled(value).build();
    }

    /** Equal when every setting is equal, secrets and credentials included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && id.equals(e.id) && url.equals(e.url) && filters.equals(e.filters)
                && enabled == e.enabled && secrets.equals(e.secrets) && auth.equals(e.auth)
                && headers.equals(e.headers) && headerStyle == e.headerStyle && maxInFlight == e.maxInFlight
                && Double.compare(rateLimitPerSecond, e.rateLimitPerSecond) == 0 && source.equals(e.source)
                && ordering == e.ordering && Objects.equals(tenant, e.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, url, filters, enabled, secrets, auth, headers, headerStyle, maxInFlight,
                rateLimitPerSecond, source, ordering, tenant);
    }

    /** Shows no secret, credential or header value. */
    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", url=" + url + ", filters=" + filters + ", enabled=" + enabled
                + ", secrets=" + secrets.size() + ", auth=" + auth + ", headers=" + headers.keySet()
                + ", headerStyle=" + headerStyle + ", maxInFlight=" + maxInFlight
                + ", rateLimitPerSecond=" + rateLimitPerSecond + ", source=" + source.kind()
                + (ordering.isOrdered() ? ", ordering=" + ordering : "")
                + (tenant == null ? "" : ", tenant=" + tenant) + "]";
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
        private EndpointSource source = EndpointSource.RUNTIME;
        private EndpointOrdering ordering = EndpointOrdering.UNORDERED;
        private @Nullable TenantId tenant;

        private Builder(String id, URI url) {
            this.id = id;
            this.url = url;
        }

        /**
         * Replaces the URL; checked as {@link Endpoint#parseUrl(String)} checks it.
         *
         * @param value the URL text
         * @return this builder
         * @throws IllegalArgumentException if the URL is invalid
         */
        public Builder url(String value) {
            this.url = parseUrl(value);
            return this;
        }

        /**
         * Adds filters such as {@code client.created}, {@code client.*} or {@code *}. Without any,
         * the endpoint receives every event type.
         *
         * @param patterns the filters, each as {@link EventFilter#of(String)} reads it
         * @return this builder
         * @throws IllegalArgumentException if the array is null, or a pattern is null or invalid
         */
        public Builder events(String... patterns) {
            if (patterns == null) {
                throw new IllegalArgumentException("events of endpoint '" + id + "' must not be null");
            }
            for (String p : patterns) {
                filters.add(EventFilter.of(p));
            }
            return this;
        }

        /**
         * Replaces the filters; an empty list means every event type.
         *
         * @param value the filters; copied
         * @return this builder
         * @throws IllegalArgumentException if the list is null or holds null
         */
        public Builder filters(List<EventFilter> value) {
            if (value == null || Checks.hasNull(value)) {
                throw new IllegalArgumentException("filters of endpoint '" + id + "' must not be null or contain null");
            }
            filters.clear();
            filters.addAll(value);
            return this;
        }

        /**
         * Whether it receives anything; default true.
         *
         * @param value whether the endpoint is enabled
         * @return this builder
         */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * Adds a signing secret; the first added is the newest. Without any, a secret is generated
         * by {@link #build()}.
         *
         * @param value the secret
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder secret(WebhookSecret value) {
            if (value == null) {
                throw new IllegalArgumentException("secret must not be null");
            }
            secrets.add(value);
            return this;
        }

        /**
         * Adds a signing secret in its text form {@code whsec_...}.
         *
         * @param value the secret's text, as {@link WebhookSecret#parse(String)} reads it
         * @return this builder
         * @throws IllegalArgumentException if the text is not a valid secret (the message never
         *     shows it)
         */
        public Builder secret(String value) {
            return secret(WebhookSecret.parse(value));
        }

        /**
         * Replaces the secrets, newest first; an empty list means one generated by {@link #build()}.
         *
         * @param value the secrets; copied
         * @return this builder
         * @throws IllegalArgumentException if the list is null or holds null
         */
        public Builder secrets(List<WebhookSecret> value) {
            if (value == null || Checks.hasNull(value)) {
                throw new IllegalArgumentException("secrets of endpoint '" + id + "' must not be null or contain null");
            }
            secrets.clear();
            secrets.addAll(value);
            return this;
        }

        /**
         * The authentication header beside the signature; default {@link EndpointAuth#NONE}.
         *
         * @param value the authentication; a null (from code that is not null-checked) is taken as
         *     {@link EndpointAuth#NONE}
         * @return this builder
         */
        public Builder auth(EndpointAuth value) {
            this.auth = value == null ? EndpointAuth.NONE : value;
            return this;
        }

        /**
         * HTTP basic authentication, as {@link EndpointAuth#basic}.
         *
         * @param username not empty, without {@code :}
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException as {@link EndpointAuth#basic}
         */
        public Builder basicAuth(String username, String password) {
            return auth(EndpointAuth.basic(username, password));
        }

        /**
         * An {@code Authorization: Bearer} token, as {@link EndpointAuth#bearer}.
         *
         * @param token the token
         * @return this builder
         * @throws IllegalArgumentException as {@link EndpointAuth#bearer}
         */
        public Builder bearerToken(String token) {
            return auth(EndpointAuth.bearer(token));
        }

        /**
         * Adds a header sent with every request, or replaces the one of this name.
         *
         * @param name a valid header name, not one the library sets itself (the signature headers,
         *     {@code content-type}, {@code host}, {@code user-agent}, ...); a header named like the
         *     {@link #auth auth} header (in any case) is not sent, the auth header is
         * @param value only characters allowed in a header value
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or reserved, or the value is null
         *     or has a character not allowed in a header
         */
        public Builder header(String name, String value) {
            HeaderRules.checkExtraHeader(name, value, id);
            headers.put(name, value);
            return this;
        }

        /**
         * Replaces the extra headers; each is checked as {@link #header(String, String)} checks it.
         *
         * @param value the headers by name, in the order to send them; copied
         * @return this builder
         * @throws IllegalArgumentException if the map is null or a header is invalid; the headers
         *     are unchanged then
         */
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

        /**
         * {@code webhook-*} (default) or {@code svix-*} signature headers.
         *
         * @param value the style
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder headerStyle(HeaderStyle value) {
            if (value == null) {
                throw new IllegalArgumentException("headerStyle of endpoint '" + id + "' must not be null");
            }
            this.headerStyle = value;
            return this;
        }

        /**
         * Most attempts under way at once; default {@value Endpoint#DEFAULT_MAX_IN_FLIGHT}.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /**
         * Most attempts started per second; 0 (the default) for no limit.
         *
         * @param value 0 or a positive, finite rate
         * @return this builder
         * @throws IllegalArgumentException if negative, NaN or infinite
         */
        public Builder rateLimitPerSecond(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("rateLimitPerSecond must be 0 (none) or positive, was " + value);
            }
            this.rateLimitPerSecond = value;
            return this;
        }

        /**
         * Who owns its settings; default {@link EndpointSource#RUNTIME}. Configuration mappers
         * (the Spring Boot adapter) set {@link EndpointSource#configuration(String)}; the editable
         * registries store such an endpoint only through their configuration sync
         * ({@code JdbcEndpointRegistry.applyConfiguration}), never through {@code save}.
         *
         * @param value the source
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder source(EndpointSource value) {
            if (value == null) {
                throw new IllegalArgumentException("source of endpoint '" + id + "' must not be null");
            }
            this.source = value;
            return this;
        }

        /**
         * Whether deliveries with the same ordering key go one at a time in publish order, and what
         * an exhausted head does; default {@link EndpointOrdering#UNORDERED}.
         *
         * @param value the ordering
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder ordering(EndpointOrdering value) {
            if (value == null) {
                throw new IllegalArgumentException("ordering of endpoint '" + id + "' must not be null");
            }
            this.ordering = value;
            return this;
        }

        /**
         * The tenant that owns the endpoint; default none (an endpoint of the application itself).
         *
         * @param value the tenant, or null for none
         * @return this builder
         */
        public Builder tenant(@Nullable TenantId value) {
            this.tenant = value;
            return this;
        }

        /**
         * Builds the endpoint. Defaults: filter {@code *} when none was given; a generated secret
         * when none was given (so two builds of one builder differ then).
         *
         * @return a new, immutable endpoint
         * @throws IllegalArgumentException if the id is not 1 to 64 letters, digits, {@code _} or {@code -}
         */
        public Endpoint build() {
            return new Endpoint(this);
        }
    }
}
