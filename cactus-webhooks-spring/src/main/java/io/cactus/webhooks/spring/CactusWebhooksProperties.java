package io.cactus.webhooks.spring;

import io.cactus.webhooks.catalog.SchemaValidation;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import io.cactus.webhooks.endpoint.EndpointOrdering;
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
 * Configuration properties under {@code cactus.webhooks}. They are mapped onto the core's builders
 * when the beans are built, and the core checks them: an invalid value stops the application with a
 * message that names the property. A property without a default is null ({@code @Nullable}) until
 * set.
 *
 * <p>The field comments are plain text: the configuration processor copies them into the
 * configuration metadata, where markup would show as is.
 *
 * <p>Spring binds it once, at startup; not thread-safe, and changes made after the beans are built
 * have no effect. Every getter of a nested group returns the same, never-null instance.
 */
@ConfigurationProperties(prefix = "cactus.webhooks")
public class CactusWebhooksProperties {

    /** Whether webhooks are auto-configured at all. */
    private boolean enabled = true;

    /** Signing secret (whsec_ followed by base64) for endpoints that have none of their own; blank is the same as unset. */
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

    /** Where endpoints live: static (the configured ones, fixed) or jdbc (a table, managed at runtime; configured ones are written into it at startup, marked managed by configuration and read-only at runtime). */
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

    /** Retention: how long finished deliveries and their payloads are kept, and how the purge runs. */
    private final Retention retention = new Retention();

    /** Idempotent publishing: how long an event's idempotency key makes later publishes of it duplicates. */
    private final Idempotency idempotency = new Idempotency();
    /** Recovery settings: the ramp after a pause, the share of slots kept for first attempts, the replay pace. */
    private final Recovery recovery = new Recovery();
    /** The library's own operational events (endpoint paused, recovered, disabled; delivery dead) to an operator endpoint. */
    private final OperationalEvents operationalEvents = new OperationalEvents();

    /** Receivers of webhooks. */
    private List<EndpointProperties> endpoints = new ArrayList<>();

    /** The event-type catalogue: the types published, each with a description and an optional JSON Schema. */
    private List<EventTypeProperties> eventTypes = new ArrayList<>();

    /** Whether publishing a type the event-type catalogue does not list is refused. */
    private boolean strictEventTypes;

    /** {@return whether webhooks are auto-configured at all; default true} */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether webhooks are auto-configured at all.
     *
     * @param enabled false to configure nothing
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * {@return the signing secret ({@code whsec_...}) for endpoints that have none of their own, or
     * null when unset; blank is taken as unset}
     */
    public @Nullable String getSecret() {
        return secret;
    }

    /**
     * Sets the signing secret ({@code whsec_...}) for endpoints that have none of their own.
     *
     * @param secret the secret's text, or null
     */
    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    /**
     * {@return the time budget of one delivery attempt, from connecting to reading the answer;
     * default 30 s}
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the time budget of one delivery attempt, from connecting to reading the answer.
     *
     * @param timeout a positive duration
     */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** {@return the connect timeout of one attempt; default 10 s} */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets the connect timeout of one attempt.
     *
     * @param connectTimeout a positive duration
     */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** {@return how long a graceful stop waits for attempts under way; default 30 s} */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Sets how long a graceful stop waits for attempts under way.
     *
     * @param shutdownTimeout zero or a positive duration
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** {@return the largest serialised event accepted by publish; default 256 KB} */
    public DataSize getMaxPayloadSize() {
        return maxPayloadSize;
    }

    /**
     * Sets the largest serialised event accepted by publish.
     *
     * @param maxPayloadSize 1 B to 2 GB
     */
    public void setMaxPayloadSize(DataSize maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    /** {@return where deliveries are kept; default {@link StoreType#AUTO}} */
    public StoreType getStore() {
        return store;
    }

    /**
     * Sets where deliveries are kept.
     *
     * @param store the store type
     */
    public void setStore(StoreType store) {
        this.store = store;
    }

    /** {@return the JDBC store settings; never null} */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** {@return the retry schedule settings; never null} */
    public Retry getRetry() {
        return retry;
    }

    /** {@return the dispatcher tuning; never null} */
    public Dispatcher getDispatcher() {
        return dispatcher;
    }

    /** {@return which addresses webhooks may be sent to; never null} */
    public Security getSecurity() {
        return security;
    }

    /** {@return the health indicator settings; never null} */
    public Health getHealth() {
        return health;
    }

    /** {@return the verification of incoming webhooks; never null} */
    public Receiver getReceiver() {
        return receiver;
    }

    /**
     * {@return metrics and observation settings}
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * {@return tracing settings}
     */
    public Tracing getTracing() {
        return tracing;
    }

    /**
     * {@return retention settings: how long finished deliveries and payloads are kept}
     */
    public Retention getRetention() {
        return retention;
    }

    /** {@return idempotent publishing settings} */
    public Idempotency getIdempotency() {
        return idempotency;
    }

    /**
     * {@return recovery settings: the ramp after a pause, the share of slots kept for first
     * attempts, the replay pace}
     */
    public Recovery getRecovery() {
        return recovery;
    }

    /**
     * {@return operational events settings: which endpoint gets the library's own events, and which kinds}
     */
    public OperationalEvents getOperationalEvents() {
        return operationalEvents;
    }

    /** {@return the receivers of webhooks, in order; empty by default} */
    public List<EndpointProperties> getEndpoints() {
        return endpoints;
    }

    /**
     * Sets the receivers of webhooks, in order.
     *
     * @param endpoints the endpoints
     */
    public void setEndpoints(List<EndpointProperties> endpoints) {
        this.endpoints = endpoints;
    }

    /** {@return the event-type catalogue's entries, in order; empty by default} */
    public List<EventTypeProperties> getEventTypes() {
        return eventTypes;
    }

    /**
     * Sets the event-type catalogue's entries, in order.
     *
     * @param eventTypes the entries
     */
    public void setEventTypes(List<EventTypeProperties> eventTypes) {
        this.eventTypes = eventTypes;
    }

    /** {@return whether publishing a type the catalogue does not list is refused; default false} */
    public boolean isStrictEventTypes() {
        return strictEventTypes;
    }

    /**
     * Sets whether publishing a type the catalogue does not list is refused.
     *
     * @param strictEventTypes true to refuse unlisted types (the catalogue must then list one at least)
     */
    public void setStrictEventTypes(boolean strictEventTypes) {
        this.strictEventTypes = strictEventTypes;
    }

    /** {@return where endpoints live; default {@link RegistryType#STATIC}} */
    public RegistryType getEndpointRegistry() {
        return endpointRegistry;
    }

    /**
     * Sets where endpoints live.
     *
     * @param endpointRegistry the registry type
     */
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

        /**
         * When the built-in migrator creates and upgrades the webhook tables at startup (the core
         * jar's versioned scripts): embedded (only for an embedded in-memory database), always, or
         * never (Flyway, Liquibase or an administrator runs the scripts). Runs after Flyway or
         * Liquibase when they are present.
         */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        /**
         * {@return when the webhook tables are created and upgraded at startup; default embedded}
         */
        public DatabaseInitializationMode getInitializeSchema() {
            return initializeSchema;
        }

        /**
         * Sets when the webhook tables are created and upgraded at startup.
         *
         * @param initializeSchema {@code EMBEDDED}, {@code ALWAYS} or {@code NEVER}
         */
        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** Retry schedule: the default schedule, an explicit one, or exponential backoff. */
    public static class Retry {

        /** Delays before the 2nd, 3rd, ... attempt; replaces the default schedule. Unset: the library's default schedule. */
        private @Nullable List<Duration> schedule;

        /** Total attempts, the first included; switches to exponential backoff (not together with schedule). Unset: the schedule applies. */
        private @Nullable Integer maxAttempts;

        /** First delay of exponential backoff. */
        private Duration initialDelay = Duration.ofSeconds(10);

        /** Growth factor of exponential backoff. */
        private double multiplier = 5.0;

        /** Longest delay of exponential backoff. */
        private Duration maxDelay = Duration.ofHours(10);

        /** Randomisation of each delay, 0 to 0.99 (0.2 is +-20 %). */
        private double jitter = 0.2;

        /** Whether 4xx answers other than 408, 410 and 429 (and 1xx and 3xx answers) are retried. */
        private boolean retryClientErrors = true;

        /**
         * {@return the delays before the 2nd, 3rd, ... attempt, replacing the default schedule, or
         * null when unset}
         */
        public @Nullable List<Duration> getSchedule() {
            return schedule;
        }

        /**
         * Sets the delays before the 2nd, 3rd, ... attempt, replacing the default schedule.
         *
         * @param schedule the delays, each zero or positive, or null; not together with
         *     max-attempts
         */
        public void setSchedule(@Nullable List<Duration> schedule) {
            this.schedule = schedule;
        }

        /**
         * {@return the total attempts, the first included, with exponential backoff, or null when
         * unset (then the schedule applies)}
         */
        public @Nullable Integer getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets the total attempts, the first included, with exponential backoff.
         *
         * @param maxAttempts at least 1, or null
         */
        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** {@return the first delay of exponential backoff; default 10 s} */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /**
         * Sets the first delay of exponential backoff.
         *
         * @param initialDelay a positive duration
         */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        /** {@return the growth factor of exponential backoff; default 5} */
        public double getMultiplier() {
            return multiplier;
        }

        /**
         * Sets the growth factor of exponential backoff.
         *
         * @param multiplier at least 1 and finite
         */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /** {@return the longest delay of exponential backoff; default 10 h} */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /**
         * Sets the longest delay of exponential backoff.
         *
         * @param maxDelay at least the initial delay
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        /** {@return the randomisation of each delay; default 0.2 (±20 %)} */
        public double getJitter() {
            return jitter;
        }

        /**
         * Sets the randomisation of each delay.
         *
         * @param jitter at least 0 and below 1
         */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        /**
         * {@return whether answers other than 2xx, 408, 410, 429 and 5xx (the other 4xx, and 1xx
         * and 3xx) are retried; default true}
         */
        public boolean isRetryClientErrors() {
            return retryClientErrors;
        }

        /**
         * Sets whether answers other than 2xx, 408, 410, 429 and 5xx (the other 4xx, and 1xx and
         * 3xx) are retried.
         *
         * @param retryClientErrors false to make such an answer end the delivery
         */
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

        /** How long a claimed delivery stays reserved for this node; longer than the timeout plus 5 s. */
        private Duration lease = Duration.ofSeconds(60);

        /** How often due retries are looked for; fresh work is sent at once regardless. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /** This process's name in leases; unique per node. Default: pid@host plus a random part. */
        private @Nullable String nodeId;

        /** {@return the attempts under way at once across all endpoints; default 64} */
        public int getConcurrency() {
            return concurrency;
        }

        /**
         * Sets the attempts under way at once across all endpoints.
         *
         * @param concurrency 1 to 10000
         */
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        /** {@return the most deliveries claimed in one go; default 100} */
        public int getBatchSize() {
            return batchSize;
        }

        /**
         * Sets the most deliveries claimed in one go.
         *
         * @param batchSize 1 to 10000
         */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /** {@return how long a claimed delivery stays reserved for this node; default 60 s} */
        public Duration getLease() {
            return lease;
        }

        /**
         * Sets how long a claimed delivery stays reserved for this node.
         *
         * @param lease longer than the attempt timeout plus 5 s
         */
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        /** {@return how often due retries are looked for; default 1 s} */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets how often due retries are looked for.
         *
         * @param pollInterval a positive duration
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /** {@return this process's name in leases, or null when unset (then pid@host plus a random part)} */
        public @Nullable String getNodeId() {
            return nodeId;
        }

        /**
         * Sets this process's name in leases.
         *
         * @param nodeId 1 to 200 characters, unique per node, or null
         */
        public void setNodeId(@Nullable String nodeId) {
            this.nodeId = nodeId;
        }
    }

    /** Which addresses webhooks may be sent to (the SSRF guard). */
    public static class Security {

        /** Whether loopback, private and link-local addresses may receive webhooks (development only). */
        private boolean allowPrivateNetworks;

        /**
         * Addresses allowed although private: networks as CIDRs (10.1.0.0/16) or single addresses
         * (127.0.0.1), on every port; or one port of one address (127.0.0.1:8080, [::1]:8080); or
         * one exact path on that port (127.0.0.1:8080/hook).
         */
        private List<String> allowedNetworks = new ArrayList<>();

        /** Whether plain http endpoint URLs are refused. */
        private boolean httpsOnly;

        /**
         * {@return whether loopback, private and link-local addresses may receive webhooks
         * (development only); default false}
         */
        public boolean isAllowPrivateNetworks() {
            return allowPrivateNetworks;
        }

        /**
         * Sets whether loopback, private and link-local addresses may receive webhooks (development
         * only).
         *
         * @param allowPrivateNetworks true to turn the address guard off
         */
        public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
            this.allowPrivateNetworks = allowPrivateNetworks;
        }

        /**
         * {@return the addresses allowed although private: CIDRs ({@code 10.1.0.0/16}), single
         * addresses, addresses with a port ({@code 127.0.0.1:8080}), or with a port and a path
         * ({@code 127.0.0.1:8080/hook}); empty by default}
         */
        public List<String> getAllowedNetworks() {
            return allowedNetworks;
        }

        /**
         * Sets the addresses allowed although private, as
         * {@link io.cactus.webhooks.http.NetworkPolicy.Builder#allow(String)} takes them: CIDRs
         * ({@code 10.1.0.0/16}), single addresses, addresses with a port ({@code 127.0.0.1:8080},
         * {@code [::1]:8080}), or with a port and a path ({@code 127.0.0.1:8080/hook}).
         *
         * @param allowedNetworks the entries
         */
        public void setAllowedNetworks(List<String> allowedNetworks) {
            this.allowedNetworks = allowedNetworks;
        }

        /** {@return whether plain http endpoint URLs are refused; default false} */
        public boolean isHttpsOnly() {
            return httpsOnly;
        }

        /**
         * Sets whether plain http endpoint URLs are refused.
         *
         * @param httpsOnly true to allow only https
         */
        public void setHttpsOnly(boolean httpsOnly) {
            this.httpsOnly = httpsOnly;
        }
    }

    /** Operational events: the library's own signed events to an operator endpoint; off while no endpoint is named. */
    public static class OperationalEvents {

        /** Id of the operator endpoint that gets the operational events; unset: operational events are off. */
        private @Nullable String endpoint;

        /** Kinds of operational event sent: endpoint.paused, endpoint.recovered, endpoint.disabled, delivery.dead. */
        private List<String> types = new ArrayList<>(List.of("endpoint.paused", "endpoint.recovered",
                "endpoint.disabled", "delivery.dead"));

        /** {@return the operator endpoint's id, or null when operational events are off} */
        public @Nullable String getEndpoint() {
            return endpoint;
        }

        /**
         * Sets the operator endpoint's id.
         *
         * @param endpoint an endpoint id, or null (blank counts as unset) for off
         */
        public void setEndpoint(@Nullable String endpoint) {
            this.endpoint = endpoint;
        }

        /** {@return the kinds sent, by wire name; default all four} */
        public List<String> getTypes() {
            return types;
        }

        /**
         * Sets the kinds sent.
         *
         * @param types wire names such as {@code endpoint.disabled}, at least one
         */
        public void setTypes(List<String> types) {
            this.types = types;
        }
    }

    /** Health indicator settings. */
    public static class Health {

        /** Age of the oldest unfinished delivery above which health is DOWN; unset: never. */
        private @Nullable Duration maxBacklogAge;

        /**
         * {@return the age of the oldest unfinished delivery above which health is DOWN, or null
         * when unset (never DOWN for age)}
         */
        public @Nullable Duration getMaxBacklogAge() {
            return maxBacklogAge;
        }

        /**
         * Sets the age of the oldest unfinished delivery above which health is DOWN.
         *
         * @param maxBacklogAge a duration, or null
         */
        public void setMaxBacklogAge(@Nullable Duration maxBacklogAge) {
            this.maxBacklogAge = maxBacklogAge;
        }
    }

    /** Metrics and observation settings. */
    public static class Metrics {

        /** Most endpoints tagged with their own id on webhook meters and observations; further endpoints are tagged 'other'. */
        private int maxEndpointTags = 100;

        /**
         * {@return most endpoints tagged with their own id; default 100}
         */
        public int getMaxEndpointTags() {
            return maxEndpointTags;
        }

        /**
         * Sets the most endpoints tagged with their own id.
         *
         * @param maxEndpointTags 0 or more; further endpoints are tagged {@code other}
         */
        public void setMaxEndpointTags(int maxEndpointTags) {
            this.maxEndpointTags = maxEndpointTags;
        }
    }

    /** Tracing settings. */
    public static class Tracing {

        /** Whether every attempt sends the trace context of the publish as W3C traceparent and tracestate headers. */
        private boolean sendTraceparent = true;

        /**
         * {@return whether attempts send the publish's trace context as headers; default true}
         */
        public boolean isSendTraceparent() {
            return sendTraceparent;
        }

        /**
         * Sets whether attempts send the publish's trace context as headers.
         *
         * @param sendTraceparent false to send neither traceparent nor tracestate
         */
        public void setSendTraceparent(boolean sendTraceparent) {
            this.sendTraceparent = sendTraceparent;
        }
    }

    /** Idempotent publishing: events that carry an idempotency key. */
    public static class Idempotency {

        /** How long a published idempotency key makes later publishes of the same key duplicates (1s to 365d). */
        private Duration window = Duration.ofHours(24);

        /** {@return how long a published key makes later publishes of it duplicates; default 24 hours} */
        public Duration getWindow() {
            return window;
        }

        /**
         * Sets how long a published key makes later publishes of it duplicates.
         *
         * @param window 1 second to 365 days
         */
        public void setWindow(Duration window) {
            this.window = window;
        }
    }

    /**
     * Recovery without a storm ({@link io.cactus.webhooks.endpoint.RecoveryPolicy}): how an endpoint
     * that comes back after a pause is let through, how retries share its slots with first
     * attempts, and how fast a replay makes its deliveries due.
     */
    public static class Recovery {

        /** Whether an endpoint that recovers (or answers 429/503) ramps its in-flight allowance up instead of going to its cap at once. */
        private boolean ramp = true;

        /** The in-flight allowance a recovering endpoint starts with. */
        private int rampStart = 1;

        /** What the allowance is multiplied by after as many healthy answers in a row. */
        private int rampFactor = 2;

        /** Share of an endpoint's slots kept for first attempts while retries also wait (0 to 1). */
        private double firstAttemptShare = 0.5;

        /** How many replayed deliveries become due per second. */
        private double replayRatePerSecond = 100;

        /** {@return whether a recovering endpoint ramps; default true} */
        public boolean isRamp() {
            return ramp;
        }

        /**
         * Sets whether a recovering endpoint ramps.
         *
         * @param ramp false to let it go to its cap at once
         */
        public void setRamp(boolean ramp) {
            this.ramp = ramp;
        }

        /** {@return the allowance a recovering endpoint starts with; default 1} */
        public int getRampStart() {
            return rampStart;
        }

        /**
         * Sets the allowance a recovering endpoint starts with.
         *
         * @param rampStart at least 1
         */
        public void setRampStart(int rampStart) {
            this.rampStart = rampStart;
        }

        /** {@return what the allowance is multiplied by at each step; default 2} */
        public int getRampFactor() {
            return rampFactor;
        }

        /**
         * Sets what the allowance is multiplied by at each step.
         *
         * @param rampFactor at least 2
         */
        public void setRampFactor(int rampFactor) {
            this.rampFactor = rampFactor;
        }

        /** {@return the share of slots kept for first attempts; default 0.5} */
        public double getFirstAttemptShare() {
            return firstAttemptShare;
        }

        /**
         * Sets the share of an endpoint's slots kept for first attempts while retries also wait.
         *
         * @param firstAttemptShare from 0 to 1
         */
        public void setFirstAttemptShare(double firstAttemptShare) {
            this.firstAttemptShare = firstAttemptShare;
        }

        /** {@return how many replayed deliveries become due per second; default 100} */
        public double getReplayRatePerSecond() {
            return replayRatePerSecond;
        }

        /**
         * Sets how many replayed deliveries become due per second.
         *
         * @param replayRatePerSecond positive
         */
        public void setReplayRatePerSecond(double replayRatePerSecond) {
            this.replayRatePerSecond = replayRatePerSecond;
        }
    }

    /**
     * Retention: the dispatcher deletes finished deliveries (with their attempts) after their
     * outcome's window, and removes the payloads of finished messages earlier, on one node at a
     * time, in bounded batches.
     */
    public static class Retention {

        /** Whether the dispatcher purges on a schedule; off keeps every delivery until purged by hand. */
        private boolean enabled = true;

        /** How long succeeded deliveries are kept after they finished. */
        private Duration succeeded = Duration.ofDays(7);

        /** How long dead deliveries are kept after they finished. */
        private Duration dead = Duration.ofDays(30);

        /** How long cancelled deliveries are kept after they were cancelled. */
        private Duration cancelled = Duration.ofDays(30);

        /** How long a message's payload is kept after its last delivery finished; the metadata stays for its delivery's window. */
        private Duration payloads = Duration.ofDays(7);

        /** Time between two purges. */
        private Duration interval = Duration.ofHours(1);

        /** Most deliveries (or messages) deleted or expunged in one transaction. */
        private int batchSize = 5000;

        /** {@return whether the dispatcher purges on a schedule; default true} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the dispatcher purges on a schedule.
         *
         * @param enabled false to keep every delivery until purged by hand
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return how long succeeded deliveries are kept after they finished; default 7 days} */
        public Duration getSucceeded() {
            return succeeded;
        }

        /**
         * Sets how long succeeded deliveries are kept after they finished.
         *
         * @param succeeded a positive duration
         */
        public void setSucceeded(Duration succeeded) {
            this.succeeded = succeeded;
        }

        /** {@return how long dead deliveries are kept after they finished; default 30 days} */
        public Duration getDead() {
            return dead;
        }

        /**
         * Sets how long dead deliveries are kept after they finished.
         *
         * @param dead a positive duration
         */
        public void setDead(Duration dead) {
            this.dead = dead;
        }

        /** {@return how long cancelled deliveries are kept after they were cancelled; default 30 days} */
        public Duration getCancelled() {
            return cancelled;
        }

        /**
         * Sets how long cancelled deliveries are kept after they were cancelled.
         *
         * @param cancelled a positive duration
         */
        public void setCancelled(Duration cancelled) {
            this.cancelled = cancelled;
        }

        /** {@return how long a message's payload is kept after its last delivery finished; default 7 days} */
        public Duration getPayloads() {
            return payloads;
        }

        /**
         * Sets how long a message's payload is kept after its last delivery finished.
         *
         * @param payloads a positive duration
         */
        public void setPayloads(Duration payloads) {
            this.payloads = payloads;
        }

        /** {@return the time between two purges; default 1 hour} */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets the time between two purges.
         *
         * @param interval at least 1 second
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** {@return the most deliveries (or messages) deleted or expunged in one transaction; default 5000} */
        public int getBatchSize() {
            return batchSize;
        }

        /**
         * Sets the most deliveries (or messages) deleted or expunged in one transaction.
         *
         * @param batchSize 1 to 10000
         */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    /** Receiving side: a servlet filter that verifies Standard Webhooks signatures. */
    public static class Receiver {

        /** Whether incoming webhooks on the receiver paths are verified. */
        private boolean enabled;

        /**
         * Secrets (whsec_ followed by base64) a request may be signed with, several while rotating;
         * unused when the application has a WebhookSecretResolver bean.
         */
        private List<String> secrets = new ArrayList<>();

        /**
         * Path patterns (PathPattern syntax) whose requests must be signed, matched case-insensitively
         * against the decoded, normalised request path.
         */
        private List<String> paths = new ArrayList<>(List.of("/webhooks/**"));

        /** How far a signed timestamp may be from now, both ways. */
        private Duration tolerance = Duration.ofMinutes(5);

        /** Largest request body read for verification; larger requests get 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /**
         * {@return whether incoming webhooks on the {@linkplain #getPaths() paths} are verified;
         * default false}
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether incoming webhooks on the {@linkplain #getPaths() paths} are verified.
         *
         * @param enabled true to verify them
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the secrets ({@code whsec_...}) a request may be signed with; several while rotating} */
        public List<String> getSecrets() {
            return secrets;
        }

        /**
         * Sets the secrets ({@code whsec_...}) a request may be signed with; several while
         * rotating. Unused when the application has a {@link WebhookSecretResolver} bean.
         *
         * @param secrets the secrets' texts
         */
        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        /**
         * {@return the path patterns ({@code PathPattern} syntax) whose requests must carry a valid
         * signature, matched case-insensitively against the decoded, normalised path; default
         * {@code /webhooks/**}}
         */
        public List<String> getPaths() {
            return paths;
        }

        /**
         * Sets the path patterns ({@code PathPattern} syntax) whose requests must carry a valid
         * signature.
         *
         * @param paths the path patterns
         */
        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        /** {@return how far a signed timestamp may be from now, both ways; default 5 min} */
        public Duration getTolerance() {
            return tolerance;
        }

        /**
         * Sets how far a signed timestamp may be from now, both ways.
         *
         * @param tolerance at least 1 second
         */
        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        /**
         * {@return the largest request body read for verification (a larger request gets 413);
         * default 1 MB}
         */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /**
         * Sets the largest request body read for verification (a larger request gets 413).
         *
         * @param maxBodySize the limit
         */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** One receiver of webhooks. */
    public static class EndpointProperties {

        /** Unique name: 1 to 64 letters, digits, underscores or hyphens. Required. */
        private @Nullable String name;

        /** Absolute http or https URL. Required. */
        private @Nullable String url;

        /** Signing secret (whsec_ followed by base64); blank or unset: cactus.webhooks.secret. */
        private @Nullable String secret;

        /** Event types it receives: exact (client.created), prefix (client.*) or all (*). */
        private List<String> events = new ArrayList<>(List.of("*"));

        /** Whether it receives anything. */
        private boolean enabled = true;

        /** Extra headers sent with every request. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** HTTP Basic credentials sent with every request. */
        private final BasicAuth basicAuth = new BasicAuth();

        /** Bearer token sent as the Authorization header. */
        private @Nullable String bearerToken;

        /** Signature header names: standard (webhook-id, ...) or svix (svix-id, ...). */
        private HeaderStyle headerStyle = HeaderStyle.STANDARD;

        /** Most attempts under way at once to this endpoint. */
        private int maxInFlight = 8;

        /** Most attempts started per second; 0 for no limit. */
        private double rateLimitPerSecond;

        /** Per-key ordering: unordered, per-key-block or per-key-skip. */
        private EndpointOrdering ordering = EndpointOrdering.UNORDERED;

        /** Tenant that owns the endpoint (1 to 64 of A-Z a-z 0-9 . _ : -); unset: the application's own. */
        private @Nullable String tenant;

        /**
         * {@return the endpoint's unique name (1 to 64 letters, digits, {@code _} or {@code -}), or
         * null when unset (startup refuses that)}
         */
        public @Nullable String getName() {
            return name;
        }

        /**
         * Sets the endpoint's unique name (1 to 64 letters, digits, {@code _} or {@code -}).
         *
         * @param name the name
         */
        public void setName(@Nullable String name) {
            this.name = name;
        }

        /** {@return the absolute http or https URL, or null when unset (startup refuses that)} */
        public @Nullable String getUrl() {
            return url;
        }

        /**
         * Sets the absolute http or https URL.
         *
         * @param url the URL
         */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /**
         * {@return the endpoint's signing secret ({@code whsec_...}), or null when unset (then
         * {@code cactus.webhooks.secret} applies)}
         */
        public @Nullable String getSecret() {
            return secret;
        }

        /**
         * Sets the endpoint's signing secret ({@code whsec_...}).
         *
         * @param secret the secret's text, or null
         */
        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        /**
         * {@return the event types it receives: exact ({@code client.created}), prefix ({@code
         * client.*}) or {@code *}; default {@code *}}
         */
        public List<String> getEvents() {
            return events;
        }

        /**
         * Sets the event types it receives: exact ({@code client.created}), prefix ({@code
         * client.*}) or {@code *}.
         *
         * @param events the filters
         */
        public void setEvents(List<String> events) {
            this.events = events;
        }

        /** {@return whether it receives anything; default true} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether it receives anything.
         *
         * @param enabled false to disable it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the extra headers sent with every request; empty by default} */
        public Map<String, String> getHeaders() {
            return headers;
        }

        /**
         * Sets the extra headers sent with every request.
         *
         * @param headers the headers by name
         */
        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        /** {@return the HTTP Basic credentials; never null (no Basic auth while both are null)} */
        public BasicAuth getBasicAuth() {
            return basicAuth;
        }

        /** {@return the bearer token sent as the Authorization header, or null for none} */
        public @Nullable String getBearerToken() {
            return bearerToken;
        }

        /**
         * Sets the bearer token sent as the Authorization header, or null for none.
         *
         * @param bearerToken the token, or null
         */
        public void setBearerToken(@Nullable String bearerToken) {
            this.bearerToken = bearerToken;
        }

        /** {@return the signature header names; default {@link HeaderStyle#STANDARD}} */
        public HeaderStyle getHeaderStyle() {
            return headerStyle;
        }

        /**
         * Sets the signature header names.
         *
         * @param headerStyle the style
         */
        public void setHeaderStyle(HeaderStyle headerStyle) {
            this.headerStyle = headerStyle;
        }

        /** {@return the most attempts under way at once to this endpoint; default 8} */
        public int getMaxInFlight() {
            return maxInFlight;
        }

        /**
         * Sets the most attempts under way at once to this endpoint.
         *
         * @param maxInFlight at least 1
         */
        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        /** {@return the most attempts started per second; default 0, no limit} */
        public double getRateLimitPerSecond() {
            return rateLimitPerSecond;
        }

        /**
         * Sets the most attempts started per second.
         *
         * @param rateLimitPerSecond 0 or a positive rate
         */
        public void setRateLimitPerSecond(double rateLimitPerSecond) {
            this.rateLimitPerSecond = rateLimitPerSecond;
        }

        /** {@return whether deliveries with one ordering key go one at a time; default unordered} */
        public EndpointOrdering getOrdering() {
            return ordering;
        }

        /**
         * Sets the per-key ordering.
         *
         * @param ordering unordered, per-key-block or per-key-skip
         */
        public void setOrdering(EndpointOrdering ordering) {
            this.ordering = ordering;
        }

        /**
         * {@return the tenant that owns the endpoint: it receives only that tenant's events; null
         * (the default) for an endpoint of the application itself}
         */
        public @Nullable String getTenant() {
            return tenant;
        }

        /**
         * Sets the tenant that owns the endpoint.
         *
         * @param tenant a tenant id (1 to 64 of {@code A-Z a-z 0-9 . _ : -}), or null for none
         */
        public void setTenant(@Nullable String tenant) {
            this.tenant = tenant;
        }
    }

    /** HTTP Basic credentials. */
    public static class BasicAuth {

        /** User name. */
        private @Nullable String username;

        /** Password. */
        private @Nullable String password;

        /** {@return the user name, or null when unset} */
        public @Nullable String getUsername() {
            return username;
        }

        /**
         * Sets the user name.
         *
         * @param username the user name, or null
         */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /** {@return the password, or null when unset} */
        public @Nullable String getPassword() {
            return password;
        }

        /**
         * Sets the password.
         *
         * @param password the password, or null
         */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** One entry of the event-type catalogue ({@code cactus.webhooks.event-types[n]}). */
    public static class EventTypeProperties {

        /** Event type name, such as client.created. Required. */
        private @Nullable String type;

        /** What the event means, shown to receivers. */
        private @Nullable String description;

        /** Spring resource location of the JSON Schema of the event's data, such as classpath:schemas/client.created.json. */
        private @Nullable String schema;

        /** Whether published payloads are checked against the schema: off or on (on needs a schema and com.networknt:json-schema-validator). */
        private SchemaValidation validation = SchemaValidation.OFF;

        /** {@return the event type's name, or null when unset (startup refuses that)} */
        public @Nullable String getType() {
            return type;
        }

        /**
         * Sets the event type's name.
         *
         * @param type such as {@code client.created}
         */
        public void setType(@Nullable String type) {
            this.type = type;
        }

        /** {@return what the event means, or null when unset (no description)} */
        public @Nullable String getDescription() {
            return description;
        }

        /**
         * Sets what the event means.
         *
         * @param description shown to receivers
         */
        public void setDescription(@Nullable String description) {
            this.description = description;
        }

        /** {@return the schema's resource location, or null for a type without a schema} */
        public @Nullable String getSchema() {
            return schema;
        }

        /**
         * Sets where the JSON Schema of the event's data is.
         *
         * @param schema a Spring resource location ({@code classpath:...}, {@code file:...})
         */
        public void setSchema(@Nullable String schema) {
            this.schema = schema;
        }

        /** {@return whether published payloads are checked against the schema; default off} */
        public SchemaValidation getValidation() {
            return validation;
        }

        /**
         * Sets whether published payloads are checked against the schema.
         *
         * @param validation off or on
         */
        public void setValidation(SchemaValidation validation) {
            this.validation = validation;
        }
    }
}
