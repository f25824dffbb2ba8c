package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.UrlNotAllowedException;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.WebhookTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Checks the {@code cactus.webhooks.*} properties of an {@link Environment} with the mapping the
 * auto-configuration applies at startup, and so with the core's own rules, without creating any
 * bean: for a {@code --validate} command or a deployment check. Where startup stops at the first
 * bad value, this runs every group of checks and reports each.
 *
 * <p>Results never contain a secret, a credential or a URL's query. Stateless; thread-safe.
 */
public final class WebhookConfigurationCheck {

    /** What a trial build is given instead of a transport: it is never started, so nothing is sent. */
    private static final WebhookTransport NO_TRANSPORT = new WebhookTransport() {
        @Override
        public CompletableFuture<AttemptOutcome> send(TransportRequest request) {
            throw new UnsupportedOperationException("a configuration check sends nothing");
        }

        @Override
        public void close() {
        }
    };

    /**
     * One group of checks.
     *
     * @param name what was checked, with the properties involved
     * @param passed whether it passed
     * @param detail on success, what was found; on failure, the property, where it was set (when
     *     known) and the problem
     */
    public record Result(String name, boolean passed, String detail) {
    }

    private WebhookConfigurationCheck() {
    }

    /**
     * Checks the {@code cactus.webhooks.*} properties of {@code environment}. A group that depends
     * on one that failed is left out; a bad value is reported, not thrown.
     *
     * @param environment the environment to read, such as the application context's
     * @return one result per group of checks and one per endpoint, in a fixed order; one result
     *     only when the properties do not bind or webhooks are disabled
     */
    public static List<Result> run(Environment environment) {
        return run(environment, List.of());
    }

    /**
     * As {@link #run(Environment)}, with the network policy adjusted by the application's
     * {@link NetworkPolicyCustomizer}s, in order, as the policy bean is: the configured endpoints are
     * then checked against the policy the application will have.
     *
     * @param environment the environment to read, such as the application context's
     * @param customizers what adjusts the policy, in order; may be empty
     * @return as {@link #run(Environment)}
     * @throws IllegalArgumentException if {@code customizers} is null
     */
    public static List<Result> run(Environment environment, List<NetworkPolicyCustomizer> customizers) {
        if (customizers == null) {
            throw new IllegalArgumentException("customizers must not be null");
        }
        List<Result> results = new ArrayList<>();
        CactusWebhooksProperties props;
        try {
            props = Binder.get(environment).bindOrCreate("cactus.webhooks", CactusWebhooksProperties.class);
        } catch (BindException e) {
            String property = e.getProperty() == null ? "cactus.webhooks" : e.getProperty().getName().toString();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            results.add(new Result("Webhook properties", false, property + ": " + root.getMessage()));
            return results;
        }
        if (!props.isEnabled()) {
            results.add(new Result("Webhook properties", true, "webhooks are disabled (cactus.webhooks.enabled=false)"));
            return results;
        }
        results.add(new Result("Webhook properties", true, "cactus.webhooks.* bind"));
        WebhookPropertiesMapper mapper = new WebhookPropertiesMapper(props, environment);
        Result secret = check("Signing secret (cactus.webhooks.secret)", () -> mapper.defaultSecret() == null
                ? "not set: every endpoint needs its own" : "well-formed");
        results.add(secret);
        NetworkPolicy[] policy = new NetworkPolicy[1];
        results.add(check("Network policy (cactus.webhooks.security.*)", () -> {
            policy[0] = mapper.networkPolicy(customizers);
            return (policy[0].allowPrivateNetworks() ? "private networks ALLOWED (development only)"
                    : "private networks refused") + ", allow-list " + policy[0].allowList()
                    + (policy[0].httpsOnly() ? ", https only" : "");
        }));
        if (policy[0] != null && secret.passed()) { // endpoints use both; their failures are reported above
            results.addAll(endpoints(props, mapper, mapper.defaultSecret(), policy[0]));
        }
        results.add(check("Retry (cactus.webhooks.retry.*)", () -> mapper.retryPolicy().toString()));
        results.add(check("Timeouts and dispatcher (cactus.webhooks.timeout, connect-timeout, shutdown-timeout,"
                + " max-payload-size, dispatcher.*)", () -> dispatching(props, mapper)));
        return results;
    }

    /**
     * Checks the URL of an endpoint the application registers at runtime, not through the
     * properties, against the network policy the properties configure: the policy bean that will
     * check it when the endpoint is saved.
     *
     * @param environment the environment to read, as for {@link #run}
     * @param name what the result calls the endpoint, such as {@code Endpoint 'demo' (built-in)}
     * @param url the endpoint's URL
     * @return passed with the URL without its query; failed with the reason, or when the
     *     network policy itself is invalid (then {@link #run} reports why)
     */
    public static Result runtimeEndpoint(Environment environment, String name, String url) {
        return runtimeEndpoint(environment, name, url, List.of());
    }

    /**
     * As {@link #runtimeEndpoint(Environment, String, String)}, with the policy adjusted by the
     * application's {@link NetworkPolicyCustomizer}s, in order, as the policy bean is: for an
     * endpoint that such a customizer lets through (an application's own receiver).
     *
     * @param environment the environment to read, as for {@link #run}
     * @param name what the result calls the endpoint
     * @param url the endpoint's URL
     * @param customizers what adjusts the policy, in order; may be empty
     * @return passed with the URL without its query; failed with the reason, or when the
     *     network policy itself is invalid
     */
    public static Result runtimeEndpoint(Environment environment, String name, String url,
            List<NetworkPolicyCustomizer> customizers) {
        CactusWebhooksProperties props;
        try {
            props = Binder.get(environment).bindOrCreate("cactus.webhooks", CactusWebhooksProperties.class);
        } catch (BindException e) {
            return new Result(name, false, "the cactus.webhooks.* properties do not bind");
        }
        NetworkPolicy policy;
        try {
            policy = new WebhookPropertiesMapper(props, environment).networkPolicy(customizers);
        } catch (InvalidWebhookPropertyException e) {
            return new Result(name, false, "the network policy is invalid: " + e.property() + ": " + e.problem());
        } catch (IllegalArgumentException e) { // a customizer's entry
            return new Result(name, false, InvalidWebhookPropertyException.problemOf(e));
        }
        try {
            Endpoint endpoint = Endpoint.builder("check", url).build();
            policy.checkUrl(endpoint.url());
            return new Result(name, true, withoutQuery(endpoint.url()));
        } catch (IllegalArgumentException | UrlNotAllowedException e) {
            return new Result(name, false, InvalidWebhookPropertyException.problemOf(e));
        }
    }

    private static List<Result> endpoints(CactusWebhooksProperties props, WebhookPropertiesMapper mapper,
            @Nullable WebhookSecret defaultSecret, NetworkPolicy policy) {
        List<Result> results = new ArrayList<>();
        if (props.getEndpoints().isEmpty()) {
            results.add(new Result("Endpoints (cactus.webhooks.endpoints)", true, "none configured"));
        }
        for (int i = 0; i < props.getEndpoints().size(); i++) {
            int index = i;
            String name = props.getEndpoints().get(i).getName();
            results.add(check("Endpoint " + (name == null ? "without a name" : "'" + name + "'")
                    + " (cactus.webhooks.endpoints[" + i + "])",
                    () -> describe(mapper.endpoint(index, defaultSecret, policy))));
        }
        return results;
    }

    /** The URL without its query, how it authenticates, and what it receives. */
    private static String describe(Endpoint endpoint) {
        EndpointAuth auth = endpoint.auth();
        String how = auth instanceof EndpointAuth.Basic ? ", HTTP Basic auth"
                : auth instanceof EndpointAuth.Bearer ? ", bearer token"
                : auth instanceof EndpointAuth.Header header ? ", " + header.name() + " header" : "";
        return withoutQuery(endpoint.url()) + how + ", events " + endpoint.filters()
                + (endpoint.enabled() ? "" : ", disabled");
    }

    private static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath();
    }

    /**
     * Maps the dispatcher settings onto a builder and builds it, as startup does, so that the core
     * checks how they fit together (the lease against the attempt timeout). The instance is given
     * a transport that sends nothing and is closed unstarted.
     */
    private static String dispatching(CactusWebhooksProperties props, WebhookPropertiesMapper mapper) {
        mapper.connection(Webhooks.builder());
        Webhooks.Builder trial = mapper.dispatching(Webhooks.builder().transport(NO_TRANSPORT)
                .serializer(event -> new byte[0]));
        mapper.build(trial).close();
        CactusWebhooksProperties.Dispatcher d = props.getDispatcher();
        return "attempt " + props.getTimeout().toSeconds() + " s, connect " + props.getConnectTimeout().toSeconds()
                + " s, lease " + d.getLease().toSeconds() + " s, poll " + d.getPollInterval().toMillis()
                + " ms, concurrency " + d.getConcurrency() + ", batch " + d.getBatchSize();
    }

    private static Result check(String name, Supplier<String> body) {
        try {
            return new Result(name, true, body.get());
        } catch (InvalidWebhookPropertyException e) {
            return new Result(name, false, e.property() + e.origin().map(o -> " (from " + o + ")").orElse("") + ": "
                    + e.problem());
        }
    }
}
