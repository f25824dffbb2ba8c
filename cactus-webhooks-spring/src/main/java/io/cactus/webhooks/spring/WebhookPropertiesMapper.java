package io.cactus.webhooks.spring;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointSource;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.UrlNotAllowedException;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.CactusWebhooksProperties.BasicAuth;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Dispatcher;
import io.cactus.webhooks.spring.CactusWebhooksProperties.EndpointProperties;
import io.cactus.webhooks.spring.CactusWebhooksProperties.EventTypeProperties;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Recovery;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Retention;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Retry;
import io.cactus.webhooks.spring.CactusWebhooksProperties.Security;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@link CactusWebhooksProperties} onto the core's builders. The core's checks are the only
 * checks of a value: an exception the core throws for a property ({@link IllegalArgumentException},
 * {@link IllegalStateException}, {@link UrlNotAllowedException}) becomes an
 * {@link InvalidWebhookPropertyException} that names the property, carries the core's message and,
 * when the {@link Environment} knows it, where the value was set.
 *
 * <p>The checks made here are the ones the core cannot make, because it never sees the
 * properties: an endpoint without a name, two endpoints with one name, an endpoint without a
 * secret (the core would generate one nobody knows), basic auth together with a bearer token (the
 * core keeps the last), and {@code localhost} refused by the network policy (the core resolves host
 * names only when it connects). A blank secret is taken as unset, so that {@code ${VARIABLE:}}
 * placeholders can stand for an optional secret.
 *
 * <p>Not thread-safe; it holds no state of its own, so one instance may map any number of times.
 */
final class WebhookPropertiesMapper {

    private static final String PREFIX = "cactus.webhooks.";

    /**
     * The arguments of {@link RetryPolicy.Builder#exponential}, by the words the core's message for
     * each begins with, and their properties: one call takes four properties.
     */
    private static final List<Map.Entry<String, String>> EXPONENTIAL_ARGUMENTS = List.of(
            Map.entry("exponential maxAttempts", "retry.max-attempts"),
            Map.entry("exponential initial delay", "retry.initial-delay"),
            Map.entry("exponential multiplier", "retry.multiplier"),
            Map.entry("exponential max delay", "retry.max-delay"));

    private static final InetAddress LOCALHOST = loopback();

    private final CactusWebhooksProperties properties;
    private final @Nullable Environment environment;
    private final PropertyMapper map = PropertyMapper.get();

    /**
     * A mapper of {@code properties}.
     *
     * @param properties the bound properties
     * @param environment where they were bound from, to say where a bad value was set; null to
     *     leave that out
     */
    WebhookPropertiesMapper(CactusWebhooksProperties properties, @Nullable Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The signing secret of endpoints without their own, or null when {@code secret} is unset or blank. */
    @Nullable WebhookSecret defaultSecret() {
        String text = properties.getSecret();
        return StringUtils.hasText(text) ? mapped("secret", () -> WebhookSecret.parse(text)) : null;
    }

    /** {@code security.*} as the core's policy. */
    /**
     * {@link #networkPolicy()} adjusted by {@code customizers}, in the order given: the policy the
     * application's bean has.
     */
    NetworkPolicy networkPolicy(List<NetworkPolicyCustomizer> customizers) {
        NetworkPolicy mapped = networkPolicy();
        if (customizers.isEmpty()) {
            return mapped;
        }
        NetworkPolicy.Builder builder = mapped.toBuilder();
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    NetworkPolicy networkPolicy() {
        Security security = properties.getSecurity();
        NetworkPolicy.Builder policy = NetworkPolicy.builder();
        map.from(security::isAllowPrivateNetworks).to(policy::allowPrivateNetworks);
        map.from(security::isHttpsOnly).to(policy::httpsOnly);
        List<String> allowed = security.getAllowedNetworks();
        for (int i = 0; i < allowed.size(); i++) {
            map.from(allowed.get(i)).to(to("security.allowed-networks[" + i + "]", policy::allow));
        }
        return policy.build();
    }

    /** {@code retry.*} as the core's policy: its default schedule, an explicit one, or exponential backoff. */
    RetryPolicy retryPolicy() {
        Retry retry = properties.getRetry();
        RetryPolicy.Builder policy = RetryPolicy.builder();
        map.from(retry::getJitter).to(to("retry.jitter", policy::jitter));
        map.from(retry::isRetryClientErrors).to(policy::retryClientErrors);
        map.from(retry::getSchedule).to(to("retry.schedule", policy::schedule));
        map.from(retry::getMaxAttempts).to(maxAttempts -> exponential(policy, retry, maxAttempts));
        // build() refuses only a schedule together with exponential backoff
        return mapped("retry.max-attempts", policy::build);
    }

    private void exponential(RetryPolicy.Builder policy, Retry retry, int maxAttempts) {
        try {
            policy.exponential(maxAttempts, retry.getInitialDelay(), retry.getMultiplier(), retry.getMaxDelay());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String property = EXPONENTIAL_ARGUMENTS.stream().filter(a -> message.startsWith(a.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("retry.max-attempts");
            throw invalid(property, e);
        }
    }

    /** {@code operational-events.*} as the core's value: off while no endpoint is named. */
    io.cactus.webhooks.operational.OperationalEvents operationalEvents() {
        CactusWebhooksProperties.OperationalEvents ops = properties.getOperationalEvents();
        String endpoint = ops.getEndpoint();
        if (endpoint == null || endpoint.isBlank()) {
            return io.cactus.webhooks.operational.OperationalEvents.off();
        }
        io.cactus.webhooks.operational.OperationalEvents value = mapped("operational-events.endpoint",
                () -> io.cactus.webhooks.operational.OperationalEvents.to(endpoint));
        List<io.cactus.webhooks.operational.OperationalEventType> types = new ArrayList<>();
        List<String> names = ops.getTypes();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            types.add(mapped("operational-events.types[" + i + "]",
                    () -> io.cactus.webhooks.operational.OperationalEventType.parse(name)));
        }
        return mapped("operational-events.types", () -> value.types(types));
    }

    /** {@code retention.*} as the core's policy. */
    RetentionPolicy retentionPolicy() {
        Retention retention = properties.getRetention();
        RetentionPolicy.Builder policy = RetentionPolicy.builder();
        map.from(retention::isEnabled).to(policy::enabled);
        map.from(retention::getSucceeded).to(to("retention.succeeded", policy::succeeded));
        map.from(retention::getDead).to(to("retention.dead", policy::dead));
        map.from(retention::getCancelled).to(to("retention.cancelled", policy::cancelled));
        map.from(retention::getPayloads).to(to("retention.payloads", policy::payloads));
        map.from(retention::getInterval).to(to("retention.interval", policy::interval));
        map.from(retention::getBatchSize).to(to("retention.batch-size", policy::batchSize));
        return policy.build();
    }

    /** {@code recovery.*} as the core's policy. */
    RecoveryPolicy recoveryPolicy() {
        Recovery recovery = properties.getRecovery();
        RecoveryPolicy.Builder policy = RecoveryPolicy.builder();
        map.from(recovery::getRampStart).to(to("recovery.ramp-start", policy::rampStart));
        if (!recovery.isRamp()) {
            policy.rampStart(Integer.MAX_VALUE);
        }
        map.from(recovery::getRampFactor).to(to("recovery.ramp-factor", policy::rampFactor));
        map.from(recovery::getFirstAttemptShare).to(to("recovery.first-attempt-share", policy::firstAttemptShare));
        map.from(recovery::getReplayRatePerSecond)
                .to(to("recovery.replay-rate-per-second", policy::replayRatePerSecond));
        return policy.build();
    }

    /**
     * The timeouts, limits, dispatcher, retention and recovery settings of {@code builder}, from
     * {@code timeout}, {@code shutdown-timeout}, {@code max-payload-size}, {@code dispatcher.*},
     * {@code retention.*} and {@code recovery.*}, and the {@code idempotency.window}.
     */
    Webhooks.Builder dispatching(Webhooks.Builder builder) {
        builder.retention(retentionPolicy());
        builder.recovery(recoveryPolicy());
        map.from(properties.getIdempotency()::getWindow).to(to("idempotency.window", builder::idempotencyWindow));
        builder.operationalEvents(operationalEvents());
        Dispatcher dispatcher = properties.getDispatcher();
        map.from(properties::getTimeout).to(to("timeout", builder::attemptTimeout));
        map.from(properties::getShutdownTimeout).to(to("shutdown-timeout", builder::shutdownTimeout));
        map.from(properties::getMaxPayloadSize).as(WebhookPropertiesMapper::bytes)
                .to(to("max-payload-size", builder::maxPayloadBytes));
        map.from(dispatcher::getConcurrency).to(to("dispatcher.concurrency", builder::concurrency));
        map.from(dispatcher::getBatchSize).to(to("dispatcher.batch-size", builder::batchSize));
        map.from(dispatcher::getLease).to(to("dispatcher.lease", builder::lease));
        map.from(dispatcher::getPollInterval).to(to("dispatcher.poll-interval", builder::pollInterval));
        map.from(dispatcher::getNodeId).to(to("dispatcher.node-id", builder::nodeId));
        return builder;
    }

    /** The default transport's {@code connect-timeout}; not for a builder given a transport of its own. */
    Webhooks.Builder connection(Webhooks.Builder builder) {
        map.from(properties::getConnectTimeout).to(to("connect-timeout", builder::connectTimeout));
        return builder;
    }

    /**
     * Builds {@code builder}, naming {@code dispatcher.lease} when the core finds it not longer than the
     * attempt timeout plus 5 s, the one conflict between properties that only {@code build()} sees.
     */
    Webhooks build(Webhooks.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("lease ")) { // the core's message starts with the argument
                throw invalid("dispatcher.lease", e);
            }
            throw e;
        }
    }

    /**
     * {@code event-types[n].*} and {@code strict-event-types} as the core's catalogue; each schema is
     * read from its resource location with {@code resources}. The core compiles the schemas; a schema
     * it refuses is reported as the {@code .schema} property of the type it names, a validation it
     * cannot do (no validator library) as the {@code .validation} property.
     */
    EventTypeCatalog eventTypes(ResourceLoader resources) {
        List<EventTypeProperties> types = properties.getEventTypes();
        EventTypeCatalog.Builder catalog = EventTypeCatalog.builder();
        for (int i = 0; i < types.size(); i++) {
            String p = "event-types[" + i + "]";
            EventTypeProperties t = types.get(i);
            String name = t.getType();
            if (!StringUtils.hasText(name)) {
                throw fail(p + ".type", "is required: every catalogue entry names its event type");
            }
            EventTypeDefinition.Builder d = mapped(p + ".type", () -> EventTypeDefinition.builder(EventType.of(name)));
            map.from(t::getDescription).to(to(p + ".description", d::description));
            String location = t.getSchema();
            if (StringUtils.hasText(location)) {
                String text = schemaText(p + ".schema", location, resources);
                mapping(p + ".schema", () -> d.schema(text));
            }
            map.from(t::getValidation).to(to(p + ".validation", d::validation));
            EventTypeDefinition definition = mapped(p + ".validation", d::build); // ON without a schema
            mapping(p + ".type", () -> catalog.type(definition)); // a type listed twice
        }
        if (properties.isStrictEventTypes()) {
            catalog.strict();
        }
        try {
            return catalog.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalid(catalogProperty(types, String.valueOf(e.getMessage())), e);
        }
    }

    /** The property behind a catalogue's build error: the entry whose type the core's message names. */
    private String catalogProperty(List<EventTypeProperties> types, String message) {
        for (int i = 0; i < types.size(); i++) {
            if (message.startsWith("event type " + types.get(i).getType() + " has validation ON")) {
                return "event-types[" + i + "].validation";
            }
            if (message.contains("event type " + types.get(i).getType() + " ")) {
                return "event-types[" + i + "].schema";
            }
        }
        return "strict-event-types";
    }

    private String schemaText(String property, String location, ResourceLoader resources) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw fail(property, "the schema '" + location + "' does not exist");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidWebhookPropertyException(PREFIX + property, originOf(property),
                    "the schema '" + location + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every configured endpoint, in order; see {@link #endpoint}. */
    List<Endpoint> endpoints(NetworkPolicy policy) {
        WebhookSecret defaultSecret = defaultSecret();
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < properties.getEndpoints().size(); i++) {
            endpoints.add(endpoint(i, defaultSecret, policy));
        }
        return endpoints;
    }

    /**
     * The endpoint at {@code endpoints[index]}, its URL checked against {@code policy}.
     *
     * @param defaultSecret the secret it signs with unless it has its own; see {@link #defaultSecret()}
     */
    Endpoint endpoint(int index, @Nullable WebhookSecret defaultSecret, NetworkPolicy policy) {
        String p = "endpoints[" + index + "]";
        EndpointProperties e = properties.getEndpoints().get(index);
        String name = e.getName();
        if (!StringUtils.hasText(name)) {
            throw fail(p + ".name", "is required: every endpoint has a unique name");
        }
        for (int j = 0; j < index; j++) {
            if (name.equals(properties.getEndpoints().get(j).getName())) {
                throw fail(p + ".name", "'" + name + "' is already the name of " + PREFIX + "endpoints[" + j
                        + "]; every endpoint has a name of its own");
            }
        }
        String url = Objects.requireNonNullElse(e.getUrl(), "");
        Endpoint.Builder b = mapped(p + ".url", () -> Endpoint.builder(name, url));
        String ownSecret = e.getSecret();
        WebhookSecret secret = StringUtils.hasText(ownSecret)
                ? mapped(p + ".secret", () -> WebhookSecret.parse(ownSecret)) : defaultSecret;
        if (secret == null) {
            throw fail(p + ".secret", "endpoint '" + name + "' has no signing secret: set " + PREFIX + p
                    + ".secret, or " + PREFIX + "secret for every endpoint without its own");
        }
        b.secret(secret);
        List<EventFilter> filters = new ArrayList<>();
        for (int j = 0; j < e.getEvents().size(); j++) {
            String pattern = e.getEvents().get(j);
            filters.add(mapped(p + ".events[" + j + "]", () -> EventFilter.of(pattern)));
        }
        b.filters(filters); // none: every event type, the core's default
        map.from(e::isEnabled).to(b::enabled);
        map.from(e::getHeaderStyle).to(to(p + ".header-style", b::headerStyle));
        auth(p, e, b);
        e.getHeaders().forEach((header, value) -> mapping(p + ".headers[" + header + "]", () -> b.header(header, value)));
        map.from(e::getMaxInFlight).to(to(p + ".max-in-flight", b::maxInFlight));
        map.from(e::getRateLimitPerSecond).to(to(p + ".rate-limit-per-second", b::rateLimitPerSecond));
        map.from(e::getOrdering).to(to(p + ".ordering", b::ordering));
        String tenant = e.getTenant();
        if (StringUtils.hasText(tenant)) {
            b.tenant(mapped(p + ".tenant", () -> TenantId.of(tenant)));
        }
        b.source(EndpointSource.configuration(source(p)));
        Endpoint endpoint = mapped(p + ".name", b::build); // build() checks the name
        mapping(p + ".url", () -> policy.checkUrl(endpoint.url()));
        refuseLocalhost(p + ".url", endpoint.url(), policy);
        return endpoint;
    }

    /**
     * Where the endpoint at {@code endpoints[n]} is configured, to tell whoever tries to edit it at
     * runtime where to change it: the property prefix and, when known, the file and line (or
     * variable) of its name.
     */
    private String source(String endpointProperty) {
        String origin = originOf(endpointProperty + ".name");
        return PREFIX + endpointProperty + (origin == null ? "" : " (" + origin + ")");
    }

    private void auth(String p, EndpointProperties e, Endpoint.Builder b) {
        BasicAuth basic = e.getBasicAuth();
        boolean hasBasic = basic.getUsername() != null || basic.getPassword() != null;
        if (hasBasic && e.getBearerToken() != null) {
            throw fail(p + ".bearer-token", "set either basic-auth or bearer-token, not both: an endpoint sends one"
                    + " Authorization header");
        }
        if (hasBasic) {
            mapping(p + ".basic-auth", () -> basicAuth(b, basic.getUsername(), basic.getPassword()));
        }
        map.from(e::getBearerToken).to(to(p + ".bearer-token", b::bearerToken));
    }

    /** Hands a missing username or password to the core as null: its message says which one is missing. */
    @SuppressWarnings("NullAway")
    private static void basicAuth(Endpoint.Builder b, @Nullable String username, @Nullable String password) {
        b.basicAuth(username, password);
    }

    /**
     * The network policy resolves host names only when it connects; {@code localhost} is known to be
     * this machine, so a policy that refuses loopback is told now rather than at the first attempt:
     * the URL is checked as if it named {@code 127.0.0.1}, with its port and path.
     */
    private void refuseLocalhost(String property, URI url, NetworkPolicy policy) {
        String host = String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
        if (!host.equals("localhost") && !host.endsWith(".localhost")) {
            return;
        }
        URI loopback;
        try {
            loopback = new URI(url.getScheme(), null, LOCALHOST.getHostAddress(), url.getPort(), url.getPath(),
                    null, null);
        } catch (java.net.URISyntaxException e) {
            return; // the transport checks it when sending
        }
        try {
            policy.checkUrl(loopback);
        } catch (io.cactus.webhooks.http.AddressNotAllowedException e) {
            throw fail(property, "'" + url.getHost() + "' is this machine, and " + e.reason() + ": for local"
                    + " development set " + PREFIX + "security.allow-private-networks=true, or add 127.0.0.1 (or"
                    + " 127.0.0.1 with the port, as 127.0.0.1:8080) to " + PREFIX + "security.allowed-networks");
        }
    }

    /** A property's size in bytes for the core's int; beyond 2 GB is as good as no limit. */
    private static int bytes(DataSize size) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, size.toBytes()));
    }

    /** {@code setter} with the core's exceptions turned into ones naming {@code property}. */
    private <T> Consumer<T> to(String property, Consumer<T> setter) {
        return value -> mapping(property, () -> setter.accept(value));
    }

    private void mapping(String property, Runnable mapping) {
        mapped(property, () -> {
            mapping.run();
            return Boolean.TRUE;
        });
    }

    private <R> R mapped(String property, Supplier<R> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | IllegalStateException | UrlNotAllowedException e) {
            throw invalid(property, e);
        }
    }

    private InvalidWebhookPropertyException invalid(String property, RuntimeException coreException) {
        return new InvalidWebhookPropertyException(PREFIX + property, originOf(property),
                InvalidWebhookPropertyException.problemOf(coreException), coreException);
    }

    private InvalidWebhookPropertyException fail(String property, String problem) {
        return new InvalidWebhookPropertyException(PREFIX + property, originOf(property), problem, null);
    }

    /**
     * Where the property was set, as Boot's origin tracking describes it (a file and line, an
     * environment variable, ...); for an element of a list, where the list was, if it was given as
     * one value; for an endpoint's property that was not set, where the endpoint was. Null when not
     * known.
     */
    private @Nullable String originOf(String property) {
        String origin = originOfName(PREFIX + property);
        if (origin == null && property.endsWith("]")) { // an element of a list given as one comma-separated value
            origin = originOfName(PREFIX + property.substring(0, property.lastIndexOf('[')));
        }
        if (origin == null && property.startsWith("endpoints[")) {
            String endpoint = property.substring(0, property.indexOf(']') + 1);
            origin = originOfName(PREFIX + endpoint + ".name");
            if (origin == null) {
                origin = originOfName(PREFIX + endpoint + ".url");
            }
        }
        return origin;
    }

    private @Nullable String originOfName(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
        if (name == null || !(environment instanceof ConfigurableEnvironment)) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                Origin origin = found.getOrigin();
                return origin == null ? null : origin.toString();
            }
        }
        return null;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a 4-byte address is always accepted
        }
    }
}
