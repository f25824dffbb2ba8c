package io.cactus.webhooks.endpoint;

import io.cactus.webhooks.internal.Checks;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A receiver of webhooks: where to send, which events, how to sign and authenticate, and how much
 * load it may take.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String, String)} and derive changed
 * copies with {@link #toBuilder()}. {@code toString()} shows no secret, credential or header value.
 *
 * @param id unique name, 1-64 characters of letters, digits, {@code _} and {@code -}
 * @param url absolute {@code http} or {@code https} URL without user info
 * @param filters event types it receives; at least one
 * @param enabled whether it receives anything; a disabled endpoint gets no new deliveries
 * @param secrets signing secrets, newest first; several while rotating; at least one
 * @param auth authentication header beside the signature
 * @param headers extra headers sent with every request
 * @param headerStyle {@code webhook-*} or {@code svix-*} signature headers
 * @param maxInFlight most attempts under way at once to this endpoint; at least 1
 * @param rateLimitPerSecond most attempts started per second; 0 for no limit
 */
public record Endpoint(String id, URI url, List<EventFilter> filters, boolean enabled,
        List<WebhookSecret> secrets, EndpointAuth auth, Map<String, String> headers,
        HeaderStyle headerStyle, int maxInFlight, double rateLimitPerSecond) {

    /** Default cap on attempts under way at once to one endpoint. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** @throws IllegalArgumentException naming the first invalid argument */
    public Endpoint {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("endpoint id '" + id
                    + "' is invalid: use 1 to 64 letters, digits, '_' or '-'");
        }
        url = checkUrl(url, id);
        if (filters == null || filters.isEmpty() || Checks.hasNull(filters)) {
            throw new IllegalArgumentException("endpoint '" + id + "' needs at least one event filter");
        }
        filters = List.copyOf(filters);
        if (secrets == null || secrets.isEmpty() || Checks.hasNull(secrets)) {
            throw new IllegalArgumentException("endpoint '" + id + "' needs at least one secret");
        }
        secrets = List.copyOf(secrets);
        if (auth == null) {
            auth = EndpointAuth.NONE;
        }
        Map<String, String> checked = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                HeaderRules.checkExtraHeader(name, value, id);
                checked.put(name, value);
            });
        }
        headers = java.util.Collections.unmodifiableMap(checked);
        if (headerStyle == null) {
            headerStyle = HeaderStyle.STANDARD;
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight of endpoint '" + id + "' must be at least 1, was " + maxInFlight);
        }
        if (!(rateLimitPerSecond >= 0) || Double.isInfinite(rateLimitPerSecond)) {
            throw new IllegalArgumentException("rateLimitPerSecond of endpoint '" + id
                    + "' must be 0 (none) or positive, was " + rateLimitPerSecond);
        }
    }

    /** Parses and checks a URL the way the endpoint constructor does. */
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

    private static URI checkUrl(URI url, @Nullable String id) {
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

    /** A builder for an endpoint receiving every event type, with one generated secret unless set. */
    public static Builder builder(String id, String url) {
        return new Builder(id, parseUrl(url));
    }

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

    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", url=" + url + ", filters=" + filters + ", enabled=" + enabled
                + ", secrets=" + secrets.size() + ", auth=" + auth + ", headers=" + headers.keySet()
                + ", headerStyle=" + headerStyle + ", maxInFlight=" + maxInFlight
                + ", rateLimitPerSecond=" + rateLimitPerSecond + "]";
    }

    /** Builds an {@link Endpoint}; arguments are checked at once where they can be. Not thread-safe. */
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

        public Builder auth(@Nullable EndpointAuth value) {
            this.auth = value == null ? EndpointAuth.NONE : value;
            return this;
        }

        public Builder basicAuth(String username, String password) {
            return auth(EndpointAuth.basic(username, password));
        }

        public Builder bearerToken(String token) {
            return auth(EndpointAuth.bearer(token));
        }

        /** Adds a header sent with every request; checked here as the endpoint checks it. */
        public Builder header(String name, String value) {
            HeaderRules.checkExtraHeader(name, value, id);
            headers.put(name, value);
            return this;
        }

        public Builder headerStyle(HeaderStyle value) {
            if (value == null) {
                throw new IllegalArgumentException("headerStyle of endpoint '" + id + "' must not be null");
            }
            this.headerStyle = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        public Builder rateLimitPerSecond(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("rateLimitPerSecond must be 0 (none) or positive, was " + value);
            }
            this.rateLimitPerSecond = value;
            return this;
        }

        /** Defaults: filter {@code *} when none was given; a generated secret when none was given. */
        public Endpoint build() {
            List<EventFilter> f = filters.isEmpty() ? List.of(EventFilter.ALL) : filters;
            List<WebhookSecret> s = secrets.isEmpty() ? List.of(WebhookSecret.generate()) : secrets;
            return new Endpoint(id, url, f, enabled, s, auth, headers, headerStyle, maxInFlight, rateLimitPerSecond);
        }
    }
}
