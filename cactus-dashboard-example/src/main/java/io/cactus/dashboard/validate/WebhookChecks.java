package io.cactus.dashboard.validate;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.CactusWebhooksProperties;
import io.cactus.webhooks.spring.CactusWebhooksProperties.EndpointProperties;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Retry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The webhook configuration, checked value by value with the library's own parsers and policies,
 * following the rules the Spring adapter applies at startup (docs/spring-boot.md), seed variables
 * included. Unlike the adapter, which stops at the first bad value, every check runs and reports.
 */
final class WebhookChecks {

    private static final String PREFIX = "cactus.webhooks.";

    private final Environment env;
    private final Binder binder;

    WebhookChecks(Environment env) {
        this.env = env;
        this.binder = Binder.get(env);
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        CactusWebhooksProperties props;
        try {
            props = binder.bindOrCreate("cactus.webhooks", CactusWebhooksProperties.class);
        } catch (BindException e) {
            String property = e.getProperty() == null ? "cactus.webhooks" : e.getProperty().getName().toString();
            checks.add(Check.fail("Webhook properties", property + ": " + rootMessage(e)));
            return checks;
        }
        if (!props.isEnabled()) {
            checks.add(Check.pass("Webhook properties", "webhooks are disabled (cactus.webhooks.enabled=false)"));
            return checks;
        }
        checks.add(Check.pass("Webhook properties", "cactus.webhooks.* bind"));
        Secret secret = defaultSecret(props);
        checks.add(secret.check());
        NetworkPolicy policy = networkPolicy(props, checks);
        List<EndpointProperties> endpoints = props.getEndpoints() == null ? List.of() : props.getEndpoints();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            checks.add(endpoint(i, endpoints.get(i), names, secret, policy));
        }
        String n8n = seed("N8N_WEBHOOK_URL");
        if (n8n != null && !names.contains("n8n")) {
            checks.add(n8nEndpoint(n8n, secret, policy));
        }
        if (env.getProperty("cactus.dashboard.demo-receiver.enabled", Boolean.class, true)) {
            checks.add(demoEndpoint(props, policy));
        }
        checks.add(retry(props.getRetry()));
        checks.add(timeouts(props));
        return checks;
    }

    /** The default signing secret and where it came from; its check fails only when it is malformed. */
    private record Secret(String source, WebhookSecret value, String problem) {
        Check check() {
            String name = "Signing secret (cactus.webhooks.secret / WEBHOOK_SECRET)";
            if (problem != null) {
                return Check.fail(name, source + ": " + problem);
            }
            if (value == null) {
                return Check.pass(name, "not set: endpoints need their own; the demo endpoint keeps a generated one");
            }
            return Check.pass(name, "well-formed, from " + source);
        }
    }

    private Secret defaultSecret(CactusWebhooksProperties props) {
        String source = props.getSecret() != null ? PREFIX + "secret" : "WEBHOOK_SECRET";
        String text = props.getSecret() != null ? props.getSecret() : seed("WEBHOOK_SECRET");
        if (text == null) {
            return new Secret(null, null, null);
        }
        try {
            return new Secret(source, WebhookSecret.parse(text), null);
        } catch (IllegalArgumentException e) {
            return new Secret(source, null, e.getMessage()); // the message never contains the secret
        }
    }

    private static NetworkPolicy networkPolicy(CactusWebhooksProperties props, List<Check> checks) {
        String name = "Network policy (cactus.webhooks.security.*)";
        CactusWebhooksProperties.Security s = props.getSecurity();
        NetworkPolicy.Builder b = NetworkPolicy.builder().allowPrivateNetworks(s.isAllowPrivateNetworks())
                .httpsOnly(s.isHttpsOnly());
        List<String> allowed = s.getAllowedNetworks() == null ? List.of() : s.getAllowedNetworks();
        String problem = null;
        for (int i = 0; i < allowed.size(); i++) {
            try {
                b.allow(allowed.get(i));
            } catch (IllegalArgumentException e) {
                problem = PREFIX + "security.allowed-networks[" + i + "]: " + e.getMessage();
            }
        }
        NetworkPolicy policy = b.build();
        checks.add(problem != null ? Check.fail(name, problem) : Check.pass(name, (policy.allowPrivateNetworks()
                ? "private networks ALLOWED (development only)" : "private networks refused")
                + ", allow-list " + policy.allowList() + (policy.httpsOnly() ? ", https only" : "")));
        return policy;
    }

    private Check endpoint(int index, EndpointProperties e, Set<String> names, Secret defaultSecret,
            NetworkPolicy policy) {
        String p = PREFIX + "endpoints[" + index + "]";
        String name = "Endpoint '" + e.getName() + "' (" + p + ")";
        if (e.getName() == null || e.getName().isBlank()) {
            return Check.fail(name, p + ".name is required");
        }
        if (!names.add(e.getName())) {
            return Check.fail(name, p + ".name '" + e.getName() + "' is used by two endpoints");
        }
        try {
            URI url = url(e.getUrl(), p + ".url", policy);
            Endpoint.Builder b = Endpoint.builder(e.getName(), url.toString());
            if (e.getSecret() != null) {
                b.secret(parse(e.getSecret(), p + ".secret"));
            } else if (defaultSecret.value() != null) {
                b.secret(defaultSecret.value());
            } else {
                throw new Invalid(p + ".secret", defaultSecret.problem() != null
                        ? "falls back to the default secret, which is malformed"
                        : "no signing secret: set it, or cactus.webhooks.secret (or WEBHOOK_SECRET)");
            }
            List<String> events = e.getEvents() == null || e.getEvents().isEmpty() ? List.of("*") : e.getEvents();
            List<EventFilter> filters = new ArrayList<>();
            for (int j = 0; j < events.size(); j++) {
                filters.add(invalidAs(p + ".events[" + j + "]", events.get(j), EventFilter::of));
            }
            String user = e.getBasicAuth().getUsername();
            String password = e.getBasicAuth().getPassword();
            if ((user == null) != (password == null)) {
                throw new Invalid(p + ".basic-auth", "set both username and password, or neither");
            }
            if (user != null && e.getBearerToken() != null) {
                throw new Invalid(p + ".bearer-token", "set either basic-auth or bearer-token, not both");
            }
            b.filters(filters).headerStyle(e.getHeaderStyle());
            try {
                if (user != null) {
                    b.basicAuth(user, password);
                }
                if (e.getBearerToken() != null) {
                    b.bearerToken(e.getBearerToken());
                }
            } catch (IllegalArgumentException ex) {
                // the library's message might quote the credential: say what is wrong without it
                throw new Invalid(p + (user != null ? ".basic-auth" : ".bearer-token"),
                        "is not a usable credential (blank, or contains control characters)");
            }
            invalidAs(p + ".max-in-flight", e.getMaxInFlight(), b::maxInFlight);
            invalidAs(p + ".rate-limit-per-second", e.getRateLimitPerSecond(), b::rateLimitPerSecond);
            if (e.getHeaders() != null) {
                e.getHeaders().forEach((header, value) -> invalidAs(p + ".headers", header, h -> b.header(h, value)));
            }
            invalidAs(p, b, Endpoint.Builder::build);
            return Check.pass(name, url + ", events " + events + (e.isEnabled() ? "" : ", disabled"));
        } catch (Invalid ex) {
            return Check.fail(name, ex.getMessage());
        }
    }

    private Check n8nEndpoint(String text, Secret secret, NetworkPolicy policy) {
        String name = "Endpoint 'n8n' (N8N_WEBHOOK_URL)";
        String url = text.strip();
        if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
            String base = seed("N8N_BASE_URL") != null ? seed("N8N_BASE_URL").strip() : "http://localhost:5678";
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            url = base + (url.startsWith("/") ? "" : "/") + url;
        }
        try {
            URI checked = url(url, "N8N_WEBHOOK_URL", policy);
            if (secret.value() == null) {
                throw new Invalid("WEBHOOK_SECRET", secret.problem() != null ? "is malformed"
                        : "the n8n endpoint needs a signing secret: set WEBHOOK_SECRET or cactus.webhooks.secret");
            }
            if ((seed("N8N_USER") == null) != (seed("N8N_PASSWORD") == null)) {
                throw new Invalid(seed("N8N_USER") == null ? "N8N_USER" : "N8N_PASSWORD",
                        "N8N_USER and N8N_PASSWORD go together: set both for HTTP Basic auth, or neither");
            }
            return Check.pass(name, checked + (seed("N8N_USER") != null ? ", HTTP Basic auth" : ", no auth"));
        } catch (Invalid ex) {
            return Check.fail(name, ex.getMessage());
        }
    }

    private Check demoEndpoint(CactusWebhooksProperties props, NetworkPolicy policy) {
        String name = "Endpoint 'demo' (built-in demo receiver)";
        if (props.getEndpointRegistry() != CactusWebhooksProperties.RegistryType.JDBC) {
            return Check.fail(name, "cactus.webhooks.endpoint-registry must be jdbc for the demo endpoint to be"
                    + " registered at startup (or set cactus.dashboard.demo-receiver.enabled=false)");
        }
        int port = env.getProperty("server.port", Integer.class, 8080);
        String url = "http://127.0.0.1:" + (port == 0 ? 1 : port) + env.getProperty("server.servlet.context-path", "")
                + "/demo/receiver";
        try {
            url(url, "the demo endpoint's url", policy);
            String secretProperty = "cactus.dashboard.demo-receiver.secret";
            String secret = env.getProperty(secretProperty);
            if (secret != null && !secret.isBlank()) {
                parse(secret, secretProperty);
            }
            return Check.pass(name, url.replace(":1/", ":<random port>/") + ", events [*]");
        } catch (Invalid ex) {
            return Check.fail(name, ex.getMessage());
        }
    }

    private Check retry(Retry r) {
        String name = "Retry (WEBHOOK_RETRY_COUNT / cactus.webhooks.retry.*)";
        try {
            if (!(r.getJitter() >= 0 && r.getJitter() < 1)) {
                throw new Invalid(PREFIX + "retry.jitter", "must be in [0, 1), was " + r.getJitter());
            }
            RetryPolicy.Builder b = RetryPolicy.builder().jitter(r.getJitter()).retryClientErrors(r.isRetryClientErrors());
            if (r.getSchedule() != null && r.getMaxAttempts() != null) {
                throw new Invalid(PREFIX + "retry.max-attempts", "set either retry.schedule or retry.max-attempts, not both");
            }
            if (r.getSchedule() != null) {
                for (int i = 0; i < r.getSchedule().size(); i++) {
                    Duration d = r.getSchedule().get(i);
                    if (d == null || d.isNegative()) {
                        throw new Invalid(PREFIX + "retry.schedule[" + i + "]", "must not be negative, was " + d);
                    }
                }
                return passRetry(name, invalidAs(PREFIX + "retry.schedule", b.schedule(r.getSchedule()),
                        RetryPolicy.Builder::build), "explicit schedule");
            }
            if (r.getMaxAttempts() != null) {
                if (r.getMaxAttempts() < 1) {
                    throw new Invalid(PREFIX + "retry.max-attempts", "must be at least 1, was " + r.getMaxAttempts());
                }
                return passRetry(name, exponential(b, r, r.getMaxAttempts()), "exponential backoff");
            }
            String count = seed("WEBHOOK_RETRY_COUNT");
            if (count != null) {
                int retries;
                try {
                    retries = Integer.parseInt(count.strip());
                } catch (NumberFormatException e) {
                    retries = -1;
                }
                if (retries < 0 || retries > 100) {
                    throw new Invalid("WEBHOOK_RETRY_COUNT", "must be a whole number of retries from 0 to 100, was '"
                            + count.strip() + "'");
                }
                return passRetry(name, exponential(b, r, retries + 1), "from WEBHOOK_RETRY_COUNT, exponential backoff");
            }
            return passRetry(name, b.build(), "the default schedule");
        } catch (Invalid ex) {
            return Check.fail(name, ex.getMessage());
        }
    }

    private static Check passRetry(String name, RetryPolicy policy, String how) {
        return Check.pass(name, policy.maxAttempts() + " attempts, " + how);
    }

    private static RetryPolicy exponential(RetryPolicy.Builder b, Retry r, int maxAttempts) {
        Duration initial = r.getInitialDelay();
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new Invalid(PREFIX + "retry.initial-delay", "must be positive, was " + initial);
        }
        if (!(r.getMultiplier() >= 1.0) || Double.isInfinite(r.getMultiplier())) {
            throw new Invalid(PREFIX + "retry.multiplier", "must be at least 1, was " + r.getMultiplier());
        }
        if (r.getMaxDelay() == null || r.getMaxDelay().compareTo(initial) < 0) {
            throw new Invalid(PREFIX + "retry.max-delay", "must be at least the initial delay (" + initial
                    + "), was " + r.getMaxDelay());
        }
        return invalidAs(PREFIX + "retry", b.exponential(maxAttempts, initial, r.getMultiplier(), r.getMaxDelay()),
                RetryPolicy.Builder::build);
    }

    private Check timeouts(CactusWebhooksProperties props) {
        String name = "Timeouts (WEBHOOK_TIMEOUT / cactus.webhooks.timeout, connect-timeout, dispatcher.*)";
        try {
            Duration timeout;
            boolean explicit = binder.bind(PREFIX + "timeout", Bindable.of(String.class)).isBound();
            String seconds = seed("WEBHOOK_TIMEOUT");
            if (!explicit && seconds != null) {
                long value;
                try {
                    value = Long.parseLong(seconds.strip());
                } catch (NumberFormatException e) {
                    value = -1;
                }
                if (value < 1 || value > 86_400) {
                    throw new Invalid("WEBHOOK_TIMEOUT", "must be a whole number of seconds from 1 to 86400, was '"
                            + seconds.strip() + "'");
                }
                timeout = Duration.ofSeconds(value);
            } else {
                timeout = positive(props.getTimeout(), "timeout");
            }
            Duration connect = positive(props.getConnectTimeout(), "connect-timeout");
            Duration lease = positive(props.getDispatcher().getLease(), "dispatcher.lease");
            if (lease.compareTo(timeout.plusSeconds(5)) < 0) {
                throw new Invalid(PREFIX + "dispatcher.lease", "must be at least the attempt timeout (" + timeout
                        + ") plus 5 s, or an attempt under way could be claimed twice; was " + lease);
            }
            positive(props.getDispatcher().getPollInterval(), "dispatcher.poll-interval");
            Duration shutdown = props.getShutdownTimeout();
            if (shutdown == null || shutdown.isNegative()) {
                throw new Invalid(PREFIX + "shutdown-timeout", "must not be negative, was " + shutdown);
            }
            range(props.getDispatcher().getConcurrency(), 1, 10_000, "dispatcher.concurrency");
            range(props.getDispatcher().getBatchSize(), 1, 10_000, "dispatcher.batch-size");
            long payload = props.getMaxPayloadSize() == null ? -1 : props.getMaxPayloadSize().toBytes();
            if (payload < 1 || payload > Integer.MAX_VALUE) {
                throw new Invalid(PREFIX + "max-payload-size", "must be from 1B to 2GB, was " + props.getMaxPayloadSize());
            }
            return Check.pass(name, "attempt " + timeout.toSeconds() + " s, connect " + connect.toSeconds()
                    + " s, lease " + lease.toSeconds() + " s");
        } catch (Invalid ex) {
            return Check.fail(name, ex.getMessage());
        }
    }

    /** Parses, checks against the network policy, and refuses {@code localhost} as the adapter does. */
    private static URI url(String text, String property, NetworkPolicy policy) {
        if (text == null || text.isBlank()) {
            throw new Invalid(property, "is required");
        }
        URI url = invalidAs(property, text, Endpoint::parseUrl);
        try {
            policy.checkUrl(url);
        } catch (WebhookException ex) {
            throw new Invalid(property, ex.getMessage());
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!policy.allowPrivateNetworks() && (host.equals("localhost") || host.endsWith(".localhost"))
                && !policy.allowList().contains("127.0.0.1/32") && !policy.allowList().contains("127.0.0.0/8")) {
            throw new Invalid(property, "'" + url.getHost() + "' is loopback, which the SSRF guard refuses; add"
                    + " 127.0.0.1 to cactus.webhooks.security.allowed-networks");
        }
        return url;
    }

    private static WebhookSecret parse(String text, String property) {
        return invalidAs(property, text, WebhookSecret::parse);
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new Invalid(PREFIX + name, "must be positive, was " + d);
        }
        return d;
    }

    private static void range(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new Invalid(PREFIX + name, "must be from " + min + " to " + max + ", was " + value);
        }
    }

    private String seed(String name) {
        String value = env.getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static <T, R> R invalidAs(String property, T value, java.util.function.Function<T, R> f) {
        try {
            return f.apply(value);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Invalid(property, e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A value found wrong: the property (or seed variable) and the problem. Never holds a secret. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String property, String problem) {
            super(property + ": " + problem, null, false, false);
        }
    }
}
