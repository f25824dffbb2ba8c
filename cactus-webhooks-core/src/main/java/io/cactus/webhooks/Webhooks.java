package io.cactus.webhooks;

import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.endpoint.StaticEndpointRegistry;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.OkHttpWebhookTransport;
import io.cactus.webhooks.internal.DefaultWebhookPublisher;
import io.cactus.webhooks.internal.Dispatcher;
import io.cactus.webhooks.internal.DispatcherSettings;
import io.cactus.webhooks.internal.EndpointHealthTracker;
import io.cactus.webhooks.json.JacksonPayloadSerializer;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.spi.WebhookTransport;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The library's entry point: a publisher, a dispatcher and the parts they share, built once per
 * application and closed with it.
 *
 * <pre>{@code
 * Webhooks webhooks = Webhooks.builder()
 *         .endpoint(Endpoint.builder("n8n", "https://n8n.example.com/webhook/cactus")
 *                 .secret("whsec_...").events("client.*").build())
 *         .store(JdbcDeliveryStore.builder(dataSource).build())
 *         .build();
 * webhooks.start();
 * webhooks.publish(WebhookEvent.of(CactusEventTypes.CLIENT_CREATED, client));
 * ...
 * webhooks.close();   // graceful: in-flight attempts finish, the rest is given back
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Webhooks implements WebhookPublisher, AutoCloseable {

    private final DeliveryStore store;
    private final EndpointRegistry registry;
    private final WebhookTransport transport;
    private final boolean ownsTransport;
    private final Dispatcher dispatcher;
    private final EndpointHealthTracker health;
    private final DefaultWebhookPublisher publisher;
    private final Clock clock;
    private final Duration shutdownTimeout;
    private final RetryPolicy retryPolicy;

    private Webhooks(Builder b) {
        this.clock = b.clock;
        this.store = b.store != null ? b.store : new InMemoryDeliveryStore(b.clock);
        this.registry = b.registry != null ? b.registry : new StaticEndpointRegistry(b.endpoints);
        this.ownsTransport = b.transport == null;
        this.transport = b.transport != null ? b.transport
                : OkHttpWebhookTransport.builder().policy(b.networkPolicy).connectTimeout(b.connectTimeout)
                        // One endpoint may hold up to `concurrency` connections; a smaller idle pool
                        // closes the surplus whenever they fall idle and the next attempts reconnect.
                        .maxIdleConnections(Math.max(OkHttpWebhookTransport.DEFAULT_MAX_IDLE_CONNECTIONS,
                                b.concurrency))
                        .build();
        // Other nodes see a pause within the refresh; the probe lease outlives one attempt.
        this.health = new EndpointHealthTracker(b.healthPolicy, store.endpointHealth(), b.nodeId,
                Duration.ofMillis(500), b.attemptTimeout.plus(Duration.ofSeconds(5)));
        this.retryPolicy = b.retryPolicy;
        this.dispatcher = new Dispatcher(new DispatcherSettings(b.nodeId, b.concurrency, b.batchSize, b.lease,
                b.pollInterval, b.attemptTimeout), store, registry, transport, b.retryPolicy, health,
                b.listeners, b.clock);
        this.publisher = new DefaultWebhookPublisher(new EventEncoder(b.serializer, b.maxPayloadBytes), registry,
                store, dispatcher::wake);
        this.shutdownTimeout = b.shutdownTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the dispatcher. Publishing works before that; delivery starts here. */
    public Webhooks start() {
        dispatcher.start();
        return this;
    }

    public boolean isRunning() {
        return dispatcher.isRunning();
    }

    @Override
    public PublishReceipt publish(WebhookEvent event) {
        return publisher.publish(event);
    }

    @Override
    public List<PublishReceipt> publishAll(List<WebhookEvent> events) {
        return publisher.publishAll(events);
    }

    /**
     * Stores one event for the given endpoints only, whatever their filters: a test event, or a
     * targeted resend.
     *
     * @throws IllegalArgumentException if an endpoint does not exist or is disabled
     */
    public PublishReceipt publishTo(WebhookEvent event, List<String> endpointIds) {
        return publisher.publishTo(event, endpointIds);
    }

    @Override
    public PublishReceipt publish(WebhookEvent event, Connection connection) {
        return publisher.publish(event, connection);
    }

    /** Tells the dispatcher that new work was committed (after {@link #publish(WebhookEvent, Connection)}). */
    public void wake() {
        dispatcher.wake();
    }

    public DeliveryStore store() {
        return store;
    }

    public EndpointRegistry endpoints() {
        return registry;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public List<Delivery> deliveries(DeliveryQuery query) {
        return store.query(query);
    }

    public Optional<Delivery> delivery(String deliveryId) {
        return store.find(deliveryId);
    }

    public List<DeliveryAttempt> attempts(String deliveryId) {
        return store.attempts(deliveryId);
    }

    /**
     * Sends a delivery again with a fresh round of attempts, whatever its state (but in flight).
     *
     * @return false if it does not exist or is in flight
     */
    public boolean redeliver(String deliveryId) {
        boolean done = store.redeliver(deliveryId, clock.instant());
        if (done) {
            dispatcher.wake();
        }
        return done;
    }

    /** Sends again every dead or cancelled delivery of the endpoint created since {@code since}. */
    public int replayFailed(String endpointId, Instant since) {
        Objects.requireNonNull(since, "since");
        if (registry.find(endpointId).isEmpty()) {
            throw new IllegalArgumentException("no endpoint '" + endpointId + "'");
        }
        int n = store.replayFailed(endpointId, since, clock.instant());
        if (n > 0) {
            dispatcher.wake();
        }
        return n;
    }

    /** Enables an endpoint again and forgets its failure streak. */
    public boolean enable(String endpointId) {
        boolean found = registry.setEnabled(endpointId, true);
        if (found) {
            health.reset(endpointId);
            dispatcher.wake();
        }
        return found;
    }

    /** Disables an endpoint and cancels its pending deliveries. */
    public boolean disable(String endpointId, String reason) {
        if (registry.find(endpointId).isEmpty()) {
            return false;
        }
        dispatcher.disable(endpointId, reason == null ? "disabled by hand" : reason, clock.instant());
        return true;
    }

    /** Deletes succeeded deliveries finished more than {@code age} ago. */
    public int purgeSucceeded(Duration age) {
        return store.purgeSucceeded(clock.instant().minus(age));
    }

    public Backlog backlog() {
        return store.backlog();
    }

    public EndpointHealth health(String endpointId) {
        Endpoint e = registry.find(endpointId)
                .orElseThrow(() -> new IllegalArgumentException("no endpoint '" + endpointId + "'"));
        health.refreshIfStale();
        return health.health(e.id(), e.enabled());
    }

    public List<EndpointHealth> health() {
        List<EndpointHealth> all = new ArrayList<>();
        health.refreshIfStale();
        for (Endpoint e : registry.endpoints()) {
            all.add(health.health(e.id(), e.enabled()));
        }
        return all;
    }

    /** Attempts under way in this process. */
    public int inFlight() {
        return dispatcher.inFlight();
    }

    /**
     * Stops the dispatcher gracefully, as {@link #close()} does, but keeps the transport open so that
     * {@link #start()} may be called again (for containers that stop and restart components).
     */
    public void stop() {
        dispatcher.stop(shutdownTimeout);
    }

    /** Stops gracefully: waits up to the shutdown timeout for attempts under way, gives back the rest. */
    @Override
    public void close() {
        stop();
        if (ownsTransport) {
            transport.close();
        }
    }

    /** Builds {@link Webhooks}. Each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        DeliveryStore store;
        EndpointRegistry registry;
        final List<Endpoint> endpoints = new ArrayList<>();
        WebhookTransport transport;
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        EndpointHealthPolicy healthPolicy = EndpointHealthPolicy.DEFAULT;
        final List<DeliveryListener> listeners = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        PayloadSerializer serializer = io.cactus.webhooks.json.PayloadSerializers.detectOrUnavailable();
        int maxPayloadBytes = EventEncoder.DEFAULT_MAX_PAYLOAD_BYTES;
        String nodeId = defaultNodeId();
        int concurrency = 64;
        int batchSize = 100;
        Duration lease = Duration.ofSeconds(60);
        Duration pollInterval = Duration.ofSeconds(1);
        Duration attemptTimeout = Duration.ofSeconds(30);
        Duration connectTimeout = Duration.ofSeconds(10);
        Duration shutdownTimeout = Duration.ofSeconds(30);
        NetworkPolicy networkPolicy = NetworkPolicy.defaults();

        private Builder() {
        }

        private static String defaultNodeId() {
            String jvm = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
            return jvm + "-" + UUID.randomUUID().toString().substring(0, 8);
        }

        /** Where deliveries are stored. Default: {@link InMemoryDeliveryStore} (not durable). */
        public Builder store(DeliveryStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Where endpoints come from. Conflicts with {@link #endpoint}. */
        public Builder endpoints(EndpointRegistry value) {
            this.registry = Objects.requireNonNull(value, "endpoints");
            return this;
        }

        /** Adds a fixed endpoint (a static registry is built from them). */
        public Builder endpoint(Endpoint value) {
            endpoints.add(Objects.requireNonNull(value, "endpoint"));
            return this;
        }

        /** How requests are sent. Default: OkHttp with the network policy and timeouts set here. */
        public Builder transport(WebhookTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * Which addresses the default transport may reach, and whether only https. Default: public
         * addresses only (SSRF guard on). Endpoints given here are checked against it at build time.
         */
        public Builder networkPolicy(NetworkPolicy value) {
            this.networkPolicy = Objects.requireNonNull(value, "networkPolicy");
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        public Builder healthPolicy(EndpointHealthPolicy value) {
            this.healthPolicy = Objects.requireNonNull(value, "healthPolicy");
            return this;
        }

        public Builder listener(DeliveryListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder serializer(PayloadSerializer value) {
            this.serializer = Objects.requireNonNull(value, "serializer");
            return this;
        }

        /** Largest serialised event accepted, in bytes. Default 256 KiB. */
        public Builder maxPayloadBytes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1, was " + value);
            }
            this.maxPayloadBytes = value;
            return this;
        }

        /** This process's name in leases; unique per node. Default: pid@host plus a random part. */
        public Builder nodeId(String value) {
            if (value == null || value.isBlank() || value.length() > 200) {
                throw new IllegalArgumentException("nodeId must be 1 to 200 characters, was '" + value + "'");
            }
            this.nodeId = value;
            return this;
        }

        /** Attempts under way at once across all endpoints. Default 64. */
        public Builder concurrency(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("concurrency must be 1 to 10000, was " + value);
            }
            this.concurrency = value;
            return this;
        }

        /** Most deliveries claimed in one go. Default 100. */
        public Builder batchSize(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1 to 10000, was " + value);
            }
            this.batchSize = value;
            return this;
        }

        /** How long a claimed delivery stays reserved for this node. Default 60 s; more than the attempt timeout. */
        public Builder lease(Duration value) {
            this.lease = positive(value, "lease");
            return this;
        }

        /** How often due retries are looked for. Default 1 s. Fresh work is sent at once regardless. */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /** The whole time budget of one attempt. Default 30 s. */
        public Builder attemptTimeout(Duration value) {
            this.attemptTimeout = positive(value, "attemptTimeout");
            return this;
        }

        /** Connect timeout of the default transport. Default 10 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /** How long {@link Webhooks#close()} waits for attempts under way. Default 30 s. */
        public Builder shutdownTimeout(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be null or negative, was " + value);
            }
            this.shutdownTimeout = value;
            return this;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        /**
         * @throws IllegalStateException if both a registry and fixed endpoints were given, or the
         *     lease is not longer than the attempt timeout
         */
        public Webhooks build() {
            if (registry != null && !endpoints.isEmpty()) {
                throw new IllegalStateException("give either endpoints(registry) or endpoint(...), not both");
            }
            if (lease.compareTo(attemptTimeout.plusSeconds(5)) < 0) {
                throw new IllegalStateException("lease (" + lease + ") must be at least the attempt timeout ("
                        + attemptTimeout + ") plus 5 s, or attempts under way could be claimed twice");
            }
            for (Endpoint e : endpoints) {
                networkPolicy.checkUrl(e.url());
            }
            return new Webhooks(this);
        }
    }

}
