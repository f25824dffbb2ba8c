package io.cactus.webhooks.spring;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.CactusWebhooksProperties.EndpointProperties;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Retry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The effective configuration: {@link CactusWebhooksProperties} with the seed variables filling in
 * what the properties leave unset, checked and turned into core objects. Every failure is an
 * {@link InvalidWebhookPropertyException} naming the property (or the seed variable) at fault.
 */
final class WebhookSettings {

    static final String WEBHOOK_SECRET = "WEBHOOK_SECRET";
    static final String WEBHOOK_RETRY_COUNT = "WEBHOOK_RETRY_COUNT";
    static final String WEBHOOK_TIMEOUT = "WEBHOOK_TIMEOUT";
    static final String N8N_WEBHOOK_URL = "N8N_WEBHOOK_URL";
    static final String N8N_BASE_URL = "N8N_BASE_URL";
    static final String N8N_USER = "N8N_USER";
    static final String N8N_PASSWORD = "N8N_PASSWORD";
    static final String N8N_ENDPOINT = "n8n";
    static final String DEFAULT_N8N_BASE_URL = "http://localhost:5678";

    private static final String PREFIX = "cactus.webhooks.";

    private final CactusWebhooksProperties props;
    private final Environment env;

    WebhookSettings(CactusWebhooksProperties props, Environment env) {
        this.props = props;
        this.env = env;
    }

    /** The signing secret for endpoints without their own, or null. */
    @Nullable WebhookSecret defaultSecret() {
        String source;
        String text;
        if (props.getSecret() != null) {
            source = PREFIX + "secret";
            text = props.getSecret();
        } else if (seed(WEBHOOK_SECRET) != null) {
            source = seedName(WEBHOOK_SECRET, "secret");
            text = seed(WEBHOOK_SECRET);
        } else {
            return null;
        }
        return secret(text, source);
    }

    Duration attemptTimeout() {
        if (!explicit("timeout") && seed(WEBHOOK_TIMEOUT) != null) {
            String text = seed(WEBHOOK_TIMEOUT).strip();
            long seconds;
            try {
                seconds = Long.parseLong(text);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > 86_400) {
                throw new InvalidWebhookPropertyException(seedName(WEBHOOK_TIMEOUT, "timeout"),
                        "must be a whole number of seconds from 1 to 86400, was '" + text + "'");
            }
            return Duration.ofSeconds(seconds);
        }
        return positive(props.getTimeout(), "timeout");
    }

    Duration connectTimeout() {
        return positive(props.getConnectTimeout(), "connect-timeout");
    }

    Duration shutdownTimeout() {
        Duration d = props.getShutdownTimeout();
        if (d == null || d.isNegative()) {
            throw new InvalidWebhookPropertyException(PREFIX + "shutdown-timeout", "must not be negative, was " + d);
        }
        return d;
    }

    int maxPayloadBytes() {
        long bytes = props.getMaxPayloadSize() == null ? -1 : props.getMaxPayloadSize().toBytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new InvalidWebhookPropertyException(PREFIX + "max-payload-size",
                    "must be from 1B to 2GB, was " + props.getMaxPayloadSize());
        }
        return (int) bytes;
    }

    int concurrency() {
        return range(props.getDispatcher().getConcurrency(), 1, 10_000, "dispatcher.concurrency");
    }

    int batchSize() {
        return range(props.getDispatcher().getBatchSize(), 1, 10_000, "dispatcher.batch-size");
    }

    Duration pollInterval() {
        return positive(props.getDispatcher().getPollInterval(), "dispatcher.poll-interval");
    }

    Duration lease() {
        Duration lease = positive(props.getDispatcher().getLease(), "dispatcher.lease");
        Duration timeout = attemptTimeout();
        if (lease.compareTo(timeout.plusSeconds(5)) < 0) {
            throw new InvalidWebhookPropertyException(PREFIX + "dispatcher.lease", "must be at least the attempt"
                    + " timeout (" + timeout + ") plus 5 s, or an attempt under way could be claimed twice; was "
                    + lease);
        }
        return lease;
    }

    /** The node id, or null for the library's default. */
    @Nullable String nodeId() {
        String id = props.getDispatcher().getNodeId();
        if (id != null && (id.isBlank() || id.length() > 200)) {
            throw new InvalidWebhookPropertyException(PREFIX + "dispatcher.node-id", "must be 1 to 200 characters");
        }
        return id;
    }

    RetryPolicy retryPolicy() {
        Retry r = props.getRetry();
        if (!(r.getJitter() >= 0 && r.getJitter() < 1)) {
            throw new InvalidWebhookPropertyException(PREFIX + "retry.jitter", "must be in [0, 1), was " + r.getJitter());
        }
        RetryPolicy.Builder b = RetryPolicy.builder().jitter(r.getJitter()).retryClientErrors(r.isRetryClientErrors());
        if (r.getSchedule() != null && r.getMaxAttempts() != null) {
            throw new InvalidWebhookPropertyException(PREFIX + "retry.max-attempts",
                    "set either cactus.webhooks.retry.schedule or cactus.webhooks.retry.max-attempts, not both");
        }
        if (r.getSchedule() != null) {
            for (int i = 0; i < r.getSchedule().size(); i++) {
                Duration d = r.getSchedule().get(i);
                if (d == null || d.isNegative()) {
                    throw new InvalidWebhookPropertyException(PREFIX + "retry.schedule[" + i + "]",
                            "must not be negative, was " + d);
                }
            }
            return b.schedule(r.getSchedule()).build();
        }
        if (r.getMaxAttempts() != null) {
            if (r.getMaxAttempts() < 1) {
                throw new InvalidWebhookPropertyException(PREFIX + "retry.max-attempts",
                        "must be at least 1, was " + r.getMaxAttempts());
            }
            return exponential(b, r, r.getMaxAttempts());
        }
        String count = seed(WEBHOOK_RETRY_COUNT);
        if (count != null) {
            int retries;
            try {
                retries = Integer.parseInt(count.strip());
            } catch (NumberFormatException e) {
                retries = -1;
            }
            if (retries < 0 || retries > 100) {
                throw new InvalidWebhookPropertyException(seedName(WEBHOOK_RETRY_COUNT, "retry.max-attempts"),
                        "must be a whole number of retries from 0 to 100, was '" + count.strip() + "'");
            }
            return exponential(b, r, retries + 1);
        }
        return b.build();
    }

    private static RetryPolicy exponential(RetryPolicy.Builder b, Retry r, int maxAttempts) {
        Duration initial = r.getInitialDelay();
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new InvalidWebhookPropertyException(PREFIX + "retry.initial-delay", "must be positive, was " + initial);
        }
        if (!(r.getMultiplier() >= 1.0) || Double.isInfinite(r.getMultiplier())) {
            throw new InvalidWebhookPropertyException(PREFIX + "retry.multiplier",
                    "must be at least 1, was " + r.getMultiplier());
        }
        if (r.getMaxDelay() == null || r.getMaxDelay().compareTo(initial) < 0) {
            throw new InvalidWebhookPropertyException(PREFIX + "retry.max-delay",
                    "must be at least the initial delay (" + initial + "), was " + r.getMaxDelay());
        }
        return b.exponential(maxAttempts, initial, r.getMultiplier(), r.getMaxDelay()).build();
    }

    NetworkPolicy networkPolicy() {
        CactusWebhooksProperties.Security s = props.getSecurity();
        NetworkPolicy.Builder b = NetworkPolicy.builder().allowPrivateNetworks(s.isAllowPrivateNetworks())
                .httpsOnly(s.isHttpsOnly());
        List<String> allowed = s.getAllowedNetworks() == null ? List.of() : s.getAllowedNetworks();
        for (int i = 0; i < allowed.size(); i++) {
            try {
                b.allow(allowed.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidWebhookPropertyException(PREFIX + "security.allowed-networks[" + i + "]",
                        InvalidWebhookPropertyException.problemOf(e), e);
            }
        }
        return b.build();
    }

    /** The configured endpoints, then the seed's {@code n8n} endpoint unless one of that name is configured. */
    List<Endpoint> endpoints(NetworkPolicy policy) {
        WebhookSecret defaultSecret = defaultSecret();
        List<Endpoint> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<EndpointProperties> configured = props.getEndpoints() == null ? List.of() : props.getEndpoints();
        for (int i = 0; i < configured.size(); i++) {
            String p = PREFIX + "endpoints[" + i + "]";
            EndpointProperties e = configured.get(i);
            String name = e.getName();
            if (name == null || name.isBlank()) {
                throw new InvalidWebhookPropertyException(p + ".name", "is required");
            }
            if (!names.add(name)) {
                throw new InvalidWebhookPropertyException(p + ".name", "'" + name + "' is used by two endpoints");
            }
            result.add(endpoint(p, e, name, defaultSecret, policy));
        }
        String n8nUrl = seed(N8N_WEBHOOK_URL);
        if (n8nUrl != null && !names.contains(N8N_ENDPOINT)) {
            result.add(n8nEndpoint(n8nUrl, defaultSecret, policy));
        }
        return result;
    }

    private Endpoint endpoint(String p, EndpointProperties e, String name, @Nullable WebhookSecret defaultSecret,
            NetworkPolicy policy) {
        URI url = url(e.getUrl(), p + ".url", policy);
        Endpoint.Builder b = builder(name, url, p + ".name");
        WebhookSecret secret = e.getSecret() != null ? secret(e.getSecret(), p + ".secret") : defaultSecret;
        if (secret == null) {
            throw new InvalidWebhookPropertyException(p + ".secret", "endpoint '" + name + "' has no signing"
                    + " secret: set it, or cactus.webhooks.secret (or WEBHOOK_SECRET) for every endpoint");
        }
        b.secret(secret);
        List<String> events = e.getEvents() == null || e.getEvents().isEmpty() ? List.of("*") : e.getEvents();
        List<EventFilter> filters = new ArrayList<>();
        for (int j = 0; j < events.size(); j++) {
            try {
                filters.add(EventFilter.of(events.get(j)));
            } catch (IllegalArgumentException ex) {
                throw new InvalidWebhookPropertyException(p + ".events[" + j + "]",
                        InvalidWebhookPropertyException.problemOf(ex), ex);
            }
        }
        b.filters(filters).enabled(e.isEnabled()).headerStyle(e.getHeaderStyle());
        String user = e.getBasicAuth().getUsername();
        String password = e.getBasicAuth().getPassword();
        if ((user == null) != (password == null)) {
            throw new InvalidWebhookPropertyException(p + ".basic-auth", "set both username and password, or neither");
        }
        if (user != null && e.getBearerToken() != null) {
            throw new InvalidWebhookPropertyException(p + ".bearer-token", "set either basic-auth or bearer-token, not both");
        }
        try {
            if (user != null) {
                b.basicAuth(user, password);
            }
            if (e.getBearerToken() != null) {
                b.bearerToken(e.getBearerToken());
            }
        } catch (IllegalArgumentException ex) {
            throw new InvalidWebhookPropertyException(p + (user != null ? ".basic-auth" : ".bearer-token"),
                    "is not a usable credential (blank, or contains control characters)");
        }
        if (e.getMaxInFlight() < 1) {
            throw new InvalidWebhookPropertyException(p + ".max-in-flight", "must be at least 1, was " + e.getMaxInFlight());
        }
        if (!(e.getRateLimitPerSecond() >= 0) || Double.isInfinite(e.getRateLimitPerSecond())) {
            throw new InvalidWebhookPropertyException(p + ".rate-limit-per-second",
                    "must be 0 (none) or positive, was " + e.getRateLimitPerSecond());
        }
        b.maxInFlight(e.getMaxInFlight()).rateLimitPerSecond(e.getRateLimitPerSecond());
        Map<String, String> headers = e.getHeaders() == null ? Map.of() : e.getHeaders();
        headers.forEach(b::header);
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new InvalidWebhookPropertyException(p + ".headers", InvalidWebhookPropertyException.problemOf(ex), ex);
        }
    }

    private Endpoint n8nEndpoint(String urlText, @Nullable WebhookSecret defaultSecret, NetworkPolicy policy) {
        String source = seedName(N8N_WEBHOOK_URL, "endpoints[n8n].url");
        String text = urlText.strip();
        if (!text.regionMatches(true, 0, "http://", 0, 7) && !text.regionMatches(true, 0, "https://", 0, 8)) {
            String base = seed(N8N_BASE_URL) != null ? seed(N8N_BASE_URL).strip() : DEFAULT_N8N_BASE_URL;
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            text = base + (text.startsWith("/") ? "" : "/") + text;
            source = source + " joined to " + N8N_BASE_URL;
        }
        URI url = url(text, source, policy);
        if (defaultSecret == null) {
            throw new InvalidWebhookPropertyException(seedName(WEBHOOK_SECRET, "secret"),
                    "the n8n endpoint (from N8N_WEBHOOK_URL) needs a signing secret: set WEBHOOK_SECRET or"
                            + " cactus.webhooks.secret");
        }
        Endpoint.Builder b = builder(N8N_ENDPOINT, url, source).secret(defaultSecret).events("*");
        String user = seed(N8N_USER);
        String password = seed(N8N_PASSWORD);
        if ((user == null) != (password == null)) {
            throw new InvalidWebhookPropertyException(user == null ? N8N_USER : N8N_PASSWORD,
                    "N8N_USER and N8N_PASSWORD go together: set both for HTTP Basic auth, or neither");
        }
        if (user != null) {
            try {
                b.basicAuth(user, password);
            } catch (IllegalArgumentException ex) {
                throw new InvalidWebhookPropertyException(N8N_USER + "/" + N8N_PASSWORD,
                        "is not a usable credential (blank, or contains control characters)");
            }
        }
        return b.build();
    }

    private static Endpoint.Builder builder(String name, URI url, String property) {
        try {
            return Endpoint.builder(name, url.toString());
        } catch (IllegalArgumentException ex) {
            throw new InvalidWebhookPropertyException(property, InvalidWebhookPropertyException.problemOf(ex), ex);
        }
    }

    private static URI url(@Nullable String text, String property, NetworkPolicy policy) {
        if (text == null || text.isBlank()) {
            throw new InvalidWebhookPropertyException(property, "is required");
        }
        URI url;
        try {
            url = Endpoint.parseUrl(text);
        } catch (IllegalArgumentException ex) {
            throw new InvalidWebhookPropertyException(property, InvalidWebhookPropertyException.problemOf(ex), ex);
        }
        try {
            policy.checkUrl(url);
        } catch (WebhookException ex) {
            throw new InvalidWebhookPropertyException(property, InvalidWebhookPropertyException.problemOf(ex), ex);
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!policy.allowPrivateNetworks() && (host.equals("localhost") || host.endsWith(".localhost"))
                && !policy.allowList().contains("127.0.0.1/32") && !policy.allowList().contains("127.0.0.0/8")) {
            throw new InvalidWebhookPropertyException(property, "'" + url.getHost() + "' is loopback, which the SSRF"
                    + " guard refuses; for local development set cactus.webhooks.security.allow-private-networks=true"
                    + " or add 127.0.0.1 to cactus.webhooks.security.allowed-networks");
        }
        return url;
    }

    private static WebhookSecret secret(String text, String property) {
        try {
            return WebhookSecret.parse(text);
        } catch (IllegalArgumentException ex) {
            // the core's message never contains the secret; drop the cause all the same to be safe in logs
            throw new InvalidWebhookPropertyException(property, InvalidWebhookPropertyException.problemOf(ex));
        }
    }

    private static Duration positive(@Nullable Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidWebhookPropertyException(PREFIX + name, "must be positive, was " + d);
        }
        return d;
    }

    private static int range(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new InvalidWebhookPropertyException(PREFIX + name,
                    "must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    private boolean explicit(String name) {
        return Binder.get(env).bind(PREFIX + name, Bindable.of(String.class)).isBound();
    }

    /** The seed variable's value, or null when it is unset or blank. */
    private @Nullable String seed(String name) {
        String value = env.getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String seedName(String variable, String property) {
        return variable + " (seed variable for cactus.webhooks." + property + ")";
    }
}
