package io.cactus.webhooks.internal;

import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.endpoint.StaticEndpointRegistry;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.OkHttpWebhookTransport;
import io.cactus.webhooks.operational.OperationalEvents;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.spi.WebhookObserver;
import io.cactus.webhooks.spi.WebhookTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parts of one {@code Webhooks} instance, wired together: store, registry, transport, health
 * tracking, dispatcher and publisher. Not API; the public facade holds one and delegates.
 */
public final class Engine {

    /** How far a probe's lease outlives one attempt. */
    private static final Duration PROBE_MARGIN = Duration.ofSeconds(5);
    /** How soon other nodes see an endpoint's pause. */
    private static final Duration HEALTH_REFRESH = Duration.ofMillis(500);

    /**
     * What the facade's builder collected, checked already.
     *
     * @param store empty for the in-memory store
     * @param registry empty for a static registry of {@code endpoints}
     * @param transport empty for the default OkHttp transport built from the policy and timeouts
     * @param networkPolicy the default transport's policy; also what endpoints saved through the
     *     admin view are checked against; ignored with a custom transport (nothing to check against)
     * @param observer told of publishes and attempts ({@link WebhookObserver#NONE}: nothing observed)
     * @param propagateTraceContext whether attempts send a message's trace context as headers
     * @param retention what the scheduled purge keeps, and whether it runs
     * @param idempotencyWindow how long a published idempotency key makes later publishes of it duplicates
     * @param recovery the ramp, the share of slots kept for first attempts, the replay pace
     * @param operationalEvents where the engine's own operational events go ({@code off()}: nowhere)
     * @param eventTypes the event-type catalogue; the publisher enforces its validation and strictness
     */
    public record Config(Optional<DeliveryStore> store, Optional<EndpointRegistry> registry, List<Endpoint> endpoints,
            Optional<WebhookTransport> transport, Optional<NetworkPolicy> networkPolicy, Duration connectTimeout,
            RetryPolicy retryPolicy, EndpointHealthPolicy healthPolicy, List<DeliveryListener> listeners, Clock clock,
            PayloadSerializer serializer, int maxPayloadBytes, String nodeId, int concurrency, int batchSize,
            Duration lease, Duration pollInterval, Duration attemptTimeout, Duration shutdownTimeout,
            WebhookObserver observer, boolean propagateTraceContext, RetentionPolicy retention,
            Duration idempotencyWindow, RecoveryPolicy recovery, OperationalEvents operationalEvents,
            EventTypeCatalog eventTypes) {

        public Config {
            endpoints = List.copyOf(endpoints);
            listeners = List.copyOf(listeners);
        }
    }

    private final DeliveryStore store;
    private final EndpointRegistry registry;
    private final WebhookTransport transport;
    private final boolean ownsTransport;
    private final Optional<NetworkPolicy> networkPolicy;
    private final Dispatcher dispatcher;
    private final EndpointHealthTracker health;
    private final DefaultWebhookPublisher publisher;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Duration shutdownTimeout;
    private final RetentionRunner retention;
    private final RetentionPolicy retentionPolicy;
    private final Duration idempotencyWindow;
    private final RecoveryPolicy recovery;
    private final OperationalEventEmitter operational;
    private final OperationalEvents operationalEvents;
    private final EventTypeCatalog eventTypes;
    private volatile boolean closed;

    public Engine(Config c) {
        this.clock = c.clock();
        this.store = c.store().orElseGet(() -> new InMemoryDeliveryStore(c.clock()));
        this.registry = c.registry().orElseGet(() -> new StaticEndpointRegistry(c.endpoints()));
        this.ownsTransport = c.transport().isEmpty();
        this.networkPolicy = c.transport().isPresent() ? Optional.empty()
                : Optional.of(c.networkPolicy().orElseGet(NetworkPolicy::defaults));
        this.transport = c.transport().orElseGet(() -> OkHttpWebhookTransport.builder()
                .policy(networkPolicy.orElseThrow())
                .connectTimeout(c.connectTimeout())
                // One endpoint may hold up to `concurrency` connections; a smaller idle pool
                // closes the surplus whenever they fall idle and the next attempts reconnect.
                .maxIdleConnections(Math.max(OkHttpWebhookTransport.DEFAULT_MAX_IDLE_CONNECTIONS, c.concurrency()))
                .build());
        this.health = new EndpointHealthTracker(c.healthPolicy(), store.endpointHealth(), c.nodeId(),
                HEALTH_REFRESH, c.attemptTimeout().plus(PROBE_MARGIN));
        this.retryPolicy = c.retryPolicy();
        Observer observer = new Observer(c.observer());
        this.operationalEvents = c.operationalEvents();
        this.operational = new OperationalEventEmitter(c.operationalEvents(), registry, new Listeners(c.listeners()));
        this.dispatcher = new Dispatcher(new DispatcherSettings(c.nodeId(), c.concurrency(), c.batchSize(), c.lease(),
                c.pollInterval(), c.attemptTimeout(), c.propagateTraceContext(), c.recovery()), store, registry, transport,
                c.retryPolicy(), health, c.listeners(), observer, c.clock(), operational);
        this.publisher = new DefaultWebhookPublisher(new EventEncoder(c.serializer(), c.maxPayloadBytes()), registry,
                store, dispatcher::wake, observer, c.clock(), c.idempotencyWindow(), Catalogs.schemas(c.eventTypes()));
        this.eventTypes = c.eventTypes();
        operational.bind(publisher);
        this.shutdownTimeout = c.shutdownTimeout();
        this.retentionPolicy = c.retention();
        this.idempotencyWindow = c.idempotencyWindow();
        this.recovery = c.recovery();
        this.retention = new RetentionRunner(c.retention(), store, c.nodeId(), c.clock(), c.listeners());
    }

    public RetentionRunner retention() {
        return retention;
    }

    public RetentionPolicy retentionPolicy() {
        return retentionPolicy;
    }

    public RecoveryPolicy recovery() {
        return recovery;
    }

    public OperationalEvents operationalEvents() {
        return operationalEvents;
    }

    public EventTypeCatalog eventTypes() {
        return eventTypes;
    }

    public DeliveryStore store() {
        return store;
    }

    public EndpointRegistry registry() {
        return registry;
    }

    /** The policy endpoints are checked against; empty with a custom transport. */
    public Optional<NetworkPolicy> networkPolicy() {
        return networkPolicy;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public EndpointHealthTracker health() {
        return health;
    }

    public DefaultWebhookPublisher publisher() {
        return publisher;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration idempotencyWindow() {
        return idempotencyWindow;
    }

    public Clock clock() {
        return clock;
    }

    /** @throws IllegalStateException if {@link #close()} ran: the transport may be closed */
    public void start() {
        if (closed) {
            throw new IllegalStateException("this Webhooks instance is closed; build a new one (stop() keeps it restartable)");
        }
        dispatcher.start();
        retention.start();
    }

    public void stop() {
        retention.stop(shutdownTimeout);
        dispatcher.stop(shutdownTimeout);
    }

    public void close() {
        closed = true;
        stop();
        operational.close(shutdownTimeout); // after the dispatcher: its last outcomes may raise events
        if (ownsTransport) {
            transport.close();
        }
    }
}
