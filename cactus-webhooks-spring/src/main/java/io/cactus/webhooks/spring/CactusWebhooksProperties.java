package io.cactus.webhooks.spring;

import io.cactus.webhooks.signing.HeaderStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties under {@code cactus.webhooks}. Checked when the beans are built:
 * invalid values stop the application with a message that names the property.
 *
 * <p>The seed variables {@code WEBHOOK_SECRET}, {@code WEBHOOK_RETRY_COUNT},
 * {@code WEBHOOK_TIMEOUT} and {@code N8N_*} fill in what these properties leave unset; see
 * {@code docs/spring-boot.md}. A property without a default is null ({@code @Nullable}) until set.
 */
@ConfigurationProperties(prefix = "cactus.webhooks")
public class CactusWebhooksProperties {

    /** Whether webhooks are auto-configured at all. */
    private boolean enabled = true;

    /** Signing secret ({@code whsec_...}) for endpoints that have none of their own. */
    private @Nullable String secret;

    /** Time budget of one delivery attempt, from connecting to reading the answer. */
    private Duration timeout = Duration.ofSeconds(30);

    /** Connect timeout of one attempt. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** How long a graceful stop waits for attempts under way. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** Largest serialised event accepted by publish. */
    private DataSize maxPayloadSize = DataSize.ofKilobytes(256);

    /** Where deliveries are kept: auto (JDBC when there is a DataSource), memory or jdbc. */
    private StoreType store = StoreType.AUTO;

    /** Where endpoints live: static (the configured ones, fixed) or jdbc (a table, managed at runtime; configured ones are written into it at startup). */
    private RegistryType endpointRegistry = RegistryType.STATIC;

    /** JDBC store settings. */
    private final Jdbc jdbc = new Jdbc();

    /** Retry schedule. */
    private final Retry retry = new Retry();

    /** Dispatcher tuning. */
    private final Dispatcher dispatcher = new Dispatcher();

    /** Which addresses webhooks may be sent to. */
    private final Security security = new Security();

    /** Health indicator settings. */
    private final Health health = new Health();

    /** Receiving side: verification of incoming webhooks. */
    private final Receiver receiver = new Receiver();

    /** Metrics and observation settings. */
    private final Metrics metrics = new Metrics();

    /** Tracing settings. */
    private final Tracing tracing = new Tracing();

    /** Receivers of webhooks. */
    private List<EndpointProperties> endpoints = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public DataSize getMaxPayloadSize() {
        return maxPayloadSize;
    }

    public void setMaxPayloadSize(DataSize maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Retry getRetry() {
        return retry;
    }

    public Dispatcher getDispatcher() {
        return dispatcher;
    }

    public Security getSecurity() {
        return security;
    }

    public Health getHealth() {
        return health;
    }

    public Receiver getReceiver() {
        return receiver;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Tracing getTracing() {
        return tracing;
    }

    public List<EndpointProperties> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<EndpointProperties> endpoints) {
        this.endpoints = endpoints;
    }

    public RegistryType getEndpointRegistry() {
        return endpointRegistry;
    }

    public void setEndpointRegistry(RegistryType endpointRegistry) {
        this.endpointRegistry = endpointRegistry;
    }

    /** Where endpoints live. */
    public enum RegistryType {
        /** The configured endpoints, fixed for the life of the process. */
        STATIC,
        /** A table on the application's DataSource, managed at runtime; configured endpoints are upserted at startup. */
        JDBC
    }

    /** Where deliveries are kept. */
    public enum StoreType {
        /** The JDBC store on the application's DataSource if there is one, else memory. */
        AUTO,
        /** In memory: lost when the process stops. */
        MEMORY,
        /** The JDBC store on the application's DataSource; fails without one. */
        JDBC
    }

    /** JDBC store settings. */
    public static class Jdbc {

        /** Whether the webhook tables are created at startup when missing (idempotent DDL). */
        private boolean initializeSchema = true;

        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** Retry schedule: the default schedule, an explicit one, or exponential backoff. */
    public static class Retry {

        /** Delays before the 2nd, 3rd, ... attempt; replaces the default schedule. */
        private @Nullable List<Duration> schedule;

        /** Total attempts, the first included; switches to exponential backoff. */
        private @Nullable Integer maxAttempts;

        /** First delay of exponential backoff. */
        private Duration initialDelay = Duration.ofSeconds(10);

        /** Growth factor of exponential backoff. */
        private double multiplier = 5.0;

        /** Longest delay of exponential backoff. */
        private Duration maxDelay = Duration.ofHours(10);

        /** Randomisation of each delay, 0 to 0.99 (0.2 is +-20 %). */
        private double jitter = 0.2;

        /** Whether 4xx answers other than 408, 410 and 429 are retried. */
        private boolean retryClientErrors = true;

        public @Nullable List<Duration> getSchedule() {
            return schedule;
        }

        public void setSchedule(@Nullable List<Duration> schedule) {
            this.schedule = schedule;
        }

        public @Nullable Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public boolean isRetryClientErrors() {
            return retryClientErrors;
        }

        public void setRetryClientErrors(boolean retryClientErrors) {
            this.retryClientErrors = retryClientErrors;
        }
    }

    /** Dispatcher tuning. */
    public static class Dispatcher {

        /** Attempts under way at once across all endpoints. */
        private int concurrency = 64;

        /** Most deliveries claimed in one go. */
        private int batchSize = 100;

        /** How long a claimed delivery stays reserved for this node; at least the timeout plus 5 s. */
        private Duration lease = Duration.ofSeconds(60);

        /** How often due retries are looked for; fresh work is sent at once regardless. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /** This process's name in leases; unique per node. Default: pid@host plus a random part. */
        private @Nullable String nodeId;

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public @Nullable String getNodeId() {
            return nodeId;
        }

        public void setNodeId(@Nullable String nodeId) {
            this.nodeId = nodeId;
        }
    }

    /** Which addresses webhooks may be sent to (the SSRF guard). */
    public static class Security {

        /** Whether loopback, private and link-local addresses may receive webhooks (development only). */
        private boolean allowPrivateNetworks;

        /** Networks allowed although private, as CIDRs ({@code 10.1.0.0/16}) or single addresses. */
        private List<String> allowedNetworks = new ArrayList<>();

        /** Whether plain http endpoint URLs are refused. */
        private boolean httpsOnly;

        public boolean isAllowPrivateNetworks() {
            return allowPrivateNetworks;
        }

        public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
            this.allowPrivateNetworks = allowPrivateNetworks;
        }

        public List<String> getAllowedNetworks() {
            return allowedNetworks;
        }

        public void setAllowedNetworks(List<String> allowedNetworks) {
            this.allowedNetworks = allowedNetworks;
        }

        public boolean isHttpsOnly() {
            return httpsOnly;
        }

        public void setHttpsOnly(boolean httpsOnly) {
            this.httpsOnly = httpsOnly;
        }
    }

    /** Health indicator settings. */
    public static class Health {

        /** Age of the oldest unfinished delivery above which health is DOWN; unset: never. */
        private @Nullable Duration maxBacklogAge;

        public @Nullable Duration getMaxBacklogAge() {
            return maxBacklogAge;
        }

        public void setMaxBacklogAge(@Nullable Duration maxBacklogAge) {
            this.maxBacklogAge = maxBacklogAge;
        }
    }

    /** Metrics and observation settings. */
    public static class Metrics {

        /** Most endpoints tagged with their own id on webhook meters and observations; further endpoints are tagged 'other'. */
        private int maxEndpointTags = 100;

        public int getMaxEndpointTags() {
            return maxEndpointTags;
        }

        public void setMaxEndpointTags(int maxEndpointTags) {
            this.maxEndpointTags = maxEndpointTags;
        }
    }

    /** Tracing settings. */
    public static class Tracing {

        /** Whether every attempt sends the trace context of the publish as W3C traceparent and tracestate headers. */
        private boolean sendTraceparent = true;

        public boolean isSendTraceparent() {
            return sendTraceparent;
        }

        public void setSendTraceparent(boolean sendTraceparent) {
            this.sendTraceparent = sendTraceparent;
        }
    }

    /** Receiving side: a servlet filter that verifies Standard Webhooks signatures. */
    public static class Receiver {

        /** Whether incoming webhooks on the paths below are verified. */
        private boolean enabled;

        /** Secrets ({@code whsec_...}) a request may be signed with; several while rotating. */
        private List<String> secrets = new ArrayList<>();

        /** Ant-style request paths that must carry a valid signature. */
        private List<String> paths = new ArrayList<>(List.of("/webhooks/**"));

        /** How far a signed timestamp may be from now, both ways. */
        private Duration tolerance = Duration.ofMinutes(5);

        /** Largest request body read for verification; larger requests get 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getSecrets() {
            return secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        public Duration getTolerance() {
            return tolerance;
        }

        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** One receiver of webhooks. */
    public static class EndpointProperties {

        /** Unique name: 1-64 letters, digits, '_' or '-'. */
        private @Nullable String name;

        /** Absolute http or https URL. */
        private @Nullable String url;

        /** Signing secret ({@code whsec_...}); default: cactus.webhooks.secret. */
        private @Nullable String secret;

        /** Event types it receives: exact ({@code client.created}), prefix ({@code client.*}) or {@code *}. */
        private List<String> events = new ArrayList<>(List.of("*"));

        /** Whether it receives anything. */
        private boolean enabled = true;

        /** Extra headers sent with every request. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** HTTP Basic credentials sent with every request. */
        private final BasicAuth basicAuth = new BasicAuth();

        /** Bearer token sent as the Authorization header. */
        private @Nullable String bearerToken;

        /** Signature header names: standard ({@code webhook-*}) or svix ({@code svix-*}). */
        private HeaderStyle headerStyle = HeaderStyle.STANDARD;

        /** Most attempts under way at once to this endpoint. */
        private int maxInFlight = 8;

        /** Most attempts started per second; 0 for no limit. */
        private double rateLimitPerSecond;

        public @Nullable String getName() {
            return name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getSecret() {
            return secret;
        }

        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        public List<String> getEvents() {
            return events;
        }

        public void setEvents(List<String> events) {
            this.events = events;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Map<String, String> getHeaders() {
            return headers;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        public BasicAuth getBasicAuth() {
            return basicAuth;
        }

        public @Nullable String getBearerToken() {
            return bearerToken;
        }

        public void setBearerToken(@Nullable String bearerToken) {
            this.bearerToken = bearerToken;
        }

        public HeaderStyle getHeaderStyle() {
            return headerStyle;
        }

        public void setHeaderStyle(HeaderStyle headerStyle) {
            this.headerStyle = headerStyle;
        }

        public int getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public double getRateLimitPerSecond() {
            return rateLimitPerSecond;
        }

        public void setRateLimitPerSecond(double rateLimitPerSecond) {
            this.rateLimitPerSecond = rateLimitPerSecond;
        }
    }

    /** HTTP Basic credentials. */
    public static class BasicAuth {

        /** User name. */
        private @Nullable String username;

        /** Password. */
        private @Nullable String password;

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }
}
