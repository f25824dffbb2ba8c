package io.cactus.webhooks;

import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.internal.Engine;
import io.cactus.webhooks.internal.EventEncoder;
import io.cactus.webhooks.json.PayloadSerializers;
import io.cactus.webhooks.operational.OperationalEvents;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.spi.TransactionalDeliveryStore;
import io.cactus.webhooks.spi.WebhookObserver;
import io.cactus.webhooks.spi.WebhookTransport;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The library's entry point: one instance per application, built once, started, and closed with
 * the application. It hands out three views of itself:
 * <ul>
 *   <li>{@link #publisher()} stores events for delivery;</li>
 *   <li>{@link #reader()} reads deliveries, attempts, messages, the backlog and endpoint health;</li>
 *   <li>{@link #admin()} sends again, enables, disables and edits endpoints, and purges
 *       (retention also runs on a schedule, see {@link Builder#retention}).</li>
 * </ul>
 *
 * <pre>{@code
 * Webhooks webhooks = Webhooks.builder()
 *         .endpoint(Endpoint.builder("orders", "https://hooks.example.com/orders")
 *                 .secret(WebhookSecret.generate()).events("order.*").build())
 *         .store(JdbcDeliveryStore.builder(dataSource).build())
 *         .build()
 *         .start();
 * webhooks.publisher().publish(EventType.of("order.created"), order);
 * ...
 * webhooks.close();   // graceful: in-flight attempts finish, the rest is given back
 * }</pre>
 *
 * <p>Thread-safe: one instance serves every thread of the application. Publishing works before
 * {@link #start()}; delivery starts there. No method returns null, and no method of this class
 * takes an argument but the tenant of {@link #reader(TenantId)} and {@link #admin(TenantId)}; the {@link Builder}'s setters reject null.
 */
public final class Webhooks implements AutoCloseable {

    /** Default {@linkplain Builder#idempotencyWindow idempotency window}: 24 hours. */
    public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final Engine engine;
    private final WebhookReader reader;
    private final WebhookAdmin admin;

    private Webhooks(Engine engine) {
        this.engine = engine;
        this.reader = new WebhookReader(engine);
        this.admin = new WebhookAdmin(engine);
    }

    /**
     * A builder with the defaults each of its setters names.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the dispatcher: its claim and record threads begin, and delivery begins. Calling it on
     * a running instance does nothing; after {@link #stop()} it starts again.
     *
     * @return this instance
     * @throws IllegalStateException if the instance was closed (its transport may be closed too);
     *     build a new one, or use {@link #stop()} for an instance that is to start again
     */
    public Webhooks start() {
        engine.start();
        return this;
    }

    /**
     * Whether the dispatcher runs.
     *
     * @return true between {@link #start()} and {@link #stop()} or {@link #close()}
     */
    public boolean isRunning() {
        return engine.dispatcher().isRunning();
    }

    /**
     * The publisher: stores events and wakes the dispatcher. In a Spring application inject the
     * adapter's transactional publisher instead.
     *
     * @return the same thread-safe instance on every call
     */
    public WebhookPublisher publisher() {
        return engine.publisher();
    }

    /**
     * The read view: deliveries, attempts, messages, backlog, endpoints and their health.
     *
     * @return the same thread-safe instance on every call
     */
    public WebhookReader reader() {
        return reader;
    }

    /**
     * The read view of one tenant: {@code reader().forTenant(tenant)}.
     *
     * @param tenant the tenant
     * @return a thread-safe reader that sees only that tenant's deliveries and endpoints
     * @throws NullPointerException if {@code tenant} is null
     */
    public WebhookReader reader(TenantId tenant) {
        return reader.forTenant(tenant);
    }

    /**
     * The admin view of one tenant: {@code admin().forTenant(tenant)}.
     *
     * @param tenant the tenant
     * @return a thread-safe admin that acts only on that tenant's endpoints and deliveries
     * @throws NullPointerException if {@code tenant} is null
     */
    public WebhookAdmin admin(TenantId tenant) {
        return admin.forTenant(tenant);
    }

    /**
     * The admin view: redeliver, replay, enable, disable, edit endpoints, rotate secrets, purge.
     *
     * @return the same thread-safe instance on every call
     */
    public WebhookAdmin admin() {
        return admin;
    }

    /**
     * The retry policy deliveries follow.
     *
     * @return the policy given to the builder (or the default); fixed for the instance's life
     */
    public RetryPolicy retryPolicy() {
        return engine.retryPolicy();
    }

    /**
     * What retention keeps and how often it runs.
     *
     * @return the policy given to the builder (or the default); fixed for the instance's life
     */
    public RetentionPolicy retentionPolicy() {
        return engine.retentionPolicy();
    }

    /**
     * How long an idempotency key makes later publishes of it duplicates.
     *
     * @return the window given to the builder, or {@link #DEFAULT_IDEMPOTENCY_WINDOW}
     */
    public Duration idempotencyWindow() {
        return engine.idempotencyWindow();
    }

    /**
     * How a recovering endpoint ramps, the share of slots kept for first attempts, the replay pace.
     *
     * @return the policy given to the builder (or the default); fixed for the instance's life
     */
    public RecoveryPolicy recoveryPolicy() {
        return engine.recovery();
    }

    /**
     * Where the library's own operational events go.
     *
     * @return the value given to the builder ({@link OperationalEvents#off()} by default); fixed
     *     for the instance's life
     */
    public OperationalEvents operationalEvents() {
        return engine.operationalEvents();
    }

    /**
     * The event types this instance publishes, with their descriptions and schemas, for pages that
     * show receivers what they can subscribe to.
     *
     * @return the catalogue given to the builder ({@link EventTypeCatalog#empty()} by default);
     *     fixed for the instance's life
     */
    public EventTypeCatalog eventTypes() {
        return engine.eventTypes();
    }

    /**
     * Whether {@link WebhookPublisher#publish(WebhookEvent, Connection)} works here.
     *
     * @return true if the store is a {@link TransactionalDeliveryStore} (the JDBC store is one),
     *     which can write on a caller's JDBC connection, inside the caller's transaction
     */
    public boolean joinsTransactions() {
        return engine.store() instanceof TransactionalDeliveryStore;
    }

    /**
     * Tells the dispatcher that new work was committed, after
     * {@link WebhookPublisher#publish(WebhookEvent, Connection)} and the caller's commit. Without
     * it the dispatcher finds the work at its next poll. Cheap and non-blocking; harmless when
     * there is no new work or the dispatcher is not running.
     */
    public void wake() {
        engine.dispatcher().wake();
    }

    /**
     * Attempts started by this process whose outcome is not stored yet.
     *
     * @return the attempts under way plus the finished ones still waiting to be recorded; 0 when idle
     */
    public int inFlight() {
        return engine.dispatcher().inFlight();
    }

    /**
     * Stops the dispatcher gracefully, as {@link #close()} does, but keeps the transport open so
     * that {@link #start()} may be called again (for containers that stop and restart components).
     * Blocks the calling thread for up to the shutdown timeout, plus up to 5 s for the last
     * outcomes to be stored. Does nothing if the dispatcher is not running.
     */
    public void stop() {
        engine.stop();
    }

    /**
     * Stops gracefully: waits up to the shutdown timeout for attempts under way and gives the rest
     * back to the store (due again at once, for any node); then closes the transport if this
     * instance built it. A transport given to {@link Builder#transport} and the store are not
     * closed. Blocks as {@link #stop()} does. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "Webhooks[" + (isRunning() ? "running" : "stopped") + ", store="
                + engine.store().getClass().getSimpleName() + ", endpoints="
                + engine.registry().getClass().getSimpleName() + "]";
    }

    /**
     * Builds {@link Webhooks}. Each setter checks its argument at once and names it in the
     * exception (a null object is a {@link NullPointerException}, a value out of range an
     * {@link IllegalArgumentException}); settings that conflict with each other fail in
     * {@link #build()}. The order of the calls does not matter; each setter returns this builder.
     * Not thread-safe.
     */
    public static final class Builder {
        @Nullable DeliveryStore store;
        @Nullable EndpointRegistry registry;
        final List<Endpoint> endpoints = new ArrayList<>();
        @Nullable WebhookTransport transport;
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        EndpointHealthPolicy healthPolicy = EndpointHealthPolicy.DEFAULT;
        final List<DeliveryListener> listeners = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        PayloadSerializer serializer = PayloadSerializers.detectOrUnavailable();
        int maxPayloadBytes = EventEncoder.DEFAULT_MAX_PAYLOAD_BYTES;
        String nodeId = defaultNodeId();
        int concurrency = 64;
        int batchSize = 100;
        Duration lease = Duration.ofSeconds(60);
        Duration pollInterval = Duration.ofSeconds(1);
        Duration attemptTimeout = Duration.ofSeconds(30);
        @Nullable Duration connectTimeout;
        Duration shutdownTimeout = Duration.ofSeconds(30);
        @Nullable NetworkPolicy networkPolicy;
        WebhookObserver observer = WebhookObserver.NONE;
        boolean propagateTraceContext = true;
        RetentionPolicy retention = RetentionPolicy.defaults();
        Duration idempotencyWindow = DEFAULT_IDEMPOTENCY_WINDOW;
        RecoveryPolicy recovery = RecoveryPolicy.DEFAULT;
        OperationalEvents operationalEvents = OperationalEvents.off();
        EventTypeCatalog eventTypes = EventTypeCatalog.empty();

        private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

        private Builder() {
        }

        private static String defaultNodeId() {
            String jvm = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
            return jvm + "-" + UUID.randomUUID().toString().substring(0, 8);
        }

        /**
         * Where deliveries are stored; endpoint health is kept in the store's
         * {@link DeliveryStore#endpointHealth()}. Default: an {@link InMemoryDeliveryStore} on this
         * builder's {@link #clock} (not durable). The store is not closed by {@link Webhooks#close()}.
         *
         * @param value the store
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder store(DeliveryStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * Where endpoints come from. Conflicts with {@link #endpoint}: giving both fails in
         * {@link #build()}. Default: a static registry of the endpoints given to {@link #endpoint}
         * (none if there are none).
         *
         * @param value the registry; an {@link io.cactus.webhooks.spi.EditableEndpointRegistry}
         *     lets {@link WebhookAdmin} edit endpoints
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder endpoints(EndpointRegistry value) {
            this.registry = Objects.requireNonNull(value, "endpoints");
            return this;
        }

        /**
         * Adds a fixed endpoint; a static registry is built from them, in the order added. Their
         * URLs are checked against the {@link #networkPolicy} in {@link #build()}.
         *
         * @param value the endpoint
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder endpoint(Endpoint value) {
            endpoints.add(Objects.requireNonNull(value, "endpoint"));
            return this;
        }

        /**
         * How requests are sent. Default: OkHttp with the {@link #networkPolicy} and
         * {@link #connectTimeout} set here; a custom transport brings its own, so giving it together
         * with either of those fails in {@link #build()}. A transport given here is not closed by
         * {@link Webhooks#close()}.
         *
         * @param value the transport; thread-safe and asynchronous, as {@link WebhookTransport} requires
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder transport(WebhookTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * Which addresses the default transport may reach, and whether only https. Default: public
         * addresses only (SSRF guard on). Endpoints given here are checked against it at build time,
         * and endpoints saved through {@link WebhookAdmin#saveEndpoint} when they are saved. A
         * development setup that sends to a receiver on this machine allows loopback:
         * {@code NetworkPolicy.builder().allowPrivateNetworks(true).build()}. Conflicts with
         * {@link #transport}.
         *
         * @param value the policy
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder networkPolicy(NetworkPolicy value) {
            this.networkPolicy = Objects.requireNonNull(value, "networkPolicy");
            return this;
        }

        /**
         * When failed attempts are retried and when a delivery gives up. Default
         * {@link RetryPolicy#defaults()}.
         *
         * @param value the policy
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * When a failing endpoint is paused and when it is disabled. Default
         * {@link EndpointHealthPolicy#DEFAULT}.
         *
         * @param value the policy
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder healthPolicy(EndpointHealthPolicy value) {
            this.healthPolicy = Objects.requireNonNull(value, "healthPolicy");
            return this;
        }

        /**
         * How an endpoint that comes back is let through (a ramp of its in-flight allowance), the
         * share of its slots kept for first attempts while retries also wait, and the pace of
         * replays. Default {@link RecoveryPolicy#DEFAULT}: ramp 1, 2, 4, ... up to the endpoint's
         * cap, half the slots kept for first attempts, replays 100 per second.
         *
         * @param value the policy
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder recovery(RecoveryPolicy value) {
            this.recovery = Objects.requireNonNull(value, "recovery");
            return this;
        }

        /**
         * Adds a listener told of every attempt and endpoint change, in the order added. It is
         * called on the dispatcher's threads, and for a disabling through {@link WebhookAdmin} on
         * the caller's thread; see {@link DeliveryListener}.
         *
         * @param value the listener; must be thread-safe
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder listener(DeliveryListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Watches publishes and attempts for tracing and metrics: supplies the trace context stored
         * with each published message and observes every attempt. Replaces an observer given
         * before. Default {@link WebhookObserver#NONE} (nothing observed, nothing stored).
         *
         * @param value the observer
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder observer(WebhookObserver value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /**
         * Whether each attempt sends the message's publish-time trace context (see
         * {@link WebhookMessage#traceContext()}) as the W3C {@code traceparent} and {@code tracestate}
         * headers, the same on every attempt. They are not signed, like every header but the three
         * {@code webhook-*} ones. A message without a trace context gets neither header. Default true.
         *
         * @param value false to send neither header
         * @return this builder
         */
        public Builder propagateTraceContext(boolean value) {
            this.propagateTraceContext = value;
            return this;
        }

        /**
         * The time source of attempt times (and so of the signed {@code webhook-timestamp}),
         * retry schedules, leases, endpoint health and the default in-memory store. Event
         * timestamps are not taken from it: they come with the {@link WebhookEvent}. Default
         * {@link Clock#systemUTC()}. Give a store of your own the same clock
         * ({@code JdbcDeliveryStore.builder(ds).clock(clock)}): the store stamps due times with its
         * clock, and with two clocks that disagree nothing may ever be due.
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How long finished deliveries and payloads are kept, and how often the dispatcher purges
         * the rest (on one node at a time, in bounded batches). The schedule runs between
         * {@link Webhooks#start()} and {@link Webhooks#stop()}; {@link WebhookAdmin#runRetention()}
         * runs it by hand. Default {@link RetentionPolicy#defaults()}: succeeded deliveries and
         * payloads 7 days, dead and cancelled ones 30 days, every hour, 5,000 rows per transaction;
         * {@link RetentionPolicy#disabled()} keeps everything.
         *
         * @param value the policy
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder retention(RetentionPolicy value) {
            this.retention = Objects.requireNonNull(value, "retention");
            return this;
        }

        /**
         * How long an event's {@link IdempotencyKey} makes later publishes of the same key
         * duplicates: within it they store nothing and return the first receipt; after it a publish
         * stores a new message. Counted from the first publish, by the builder's {@link #clock}.
         * The store keeps the key that long (across restarts and nodes, with a JDBC store) and
         * retention deletes it after. Default 24 hours.
         *
         * @param value at least 1 second, at most 365 days
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null or out of range
         */
        public Builder idempotencyWindow(Duration value) {
            if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("idempotencyWindow must be 1 second to 365 days, was " + value);
            }
            this.idempotencyWindow = value;
            return this;
        }

        /**
         * Sends the library's own signed events ({@code endpoint.paused}, {@code endpoint.recovered},
         * {@code endpoint.disabled}, {@code delivery.dead}) to an operator endpoint of the registry,
         * under its secret, retries and the network policy, like any delivery; see
         * {@link OperationalEvents}. Each is also told to the listeners
         * ({@link DeliveryListener#onOperationalEvent}). Default {@link OperationalEvents#off()}.
         *
         * @param value where and which, such as {@code OperationalEvents.to("ops")}
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder operationalEvents(OperationalEvents value) {
            this.operationalEvents = Objects.requireNonNull(value, "operationalEvents");
            return this;
        }

        /**
         * The event types published, each with a description and optionally a JSON Schema of its
         * {@code data}; see {@link EventTypeCatalog}. A type whose validation is on has each
         * published event checked against its schema, and a non-conforming one refused with
         * {@link io.cactus.webhooks.catalog.PayloadValidationException} before anything is stored; a
         * {@linkplain EventTypeCatalog.Builder#strict() strict} catalogue refuses unlisted types.
         * Default {@link EventTypeCatalog#empty()}: any type, nothing validated.
         *
         * @param value the catalogue
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder eventTypes(EventTypeCatalog value) {
            this.eventTypes = Objects.requireNonNull(value, "eventTypes");
            return this;
        }

        /**
         * Writes events into their JSON envelope. Default: {@link PayloadSerializers#detect()} (Jackson 3
         * if present, else Jackson 2); without either, {@link #build()} fails unless one is given here.
         *
         * @param value the serializer; thread-safe, as {@link PayloadSerializer} requires
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder serializer(PayloadSerializer value) {
            this.serializer = Objects.requireNonNull(value, "serializer");
            return this;
        }

        /**
         * Largest serialised event accepted, in bytes; a larger one is refused at publish time with
         * {@link PayloadTooLargeException}. Default 256 KiB.
         *
         * @param value the limit in bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 1
         */
        public Builder maxPayloadBytes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1, was " + value);
            }
            this.maxPayloadBytes = value;
            return this;
        }

        /**
         * This process's name in leases and probe leases; unique per node. Default: pid@host plus a
         * random part.
         *
         * @param value 1 to 200 characters, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, blank or longer than 200 characters
         */
        public Builder nodeId(String value) {
            if (value == null || value.isBlank() || value.length() > 200) {
                throw new IllegalArgumentException("nodeId must be 1 to 200 characters, was '" + value + "'");
            }
            this.nodeId = value;
            return this;
        }

        /**
         * Attempts under way at once across all endpoints. Default 64.
         *
         * @param value 1 to 10000
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is out of range
         */
        public Builder concurrency(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("concurrency must be 1 to 10000, was " + value);
            }
            this.concurrency = value;
            return this;
        }

        /**
         * Most deliveries claimed in one go, and most outcomes waiting to be stored. Default 100.
         *
         * @param value 1 to 10000
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is out of range
         */
        public Builder batchSize(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1 to 10000, was " + value);
            }
            this.batchSize = value;
            return this;
        }

        /**
         * How long a claimed delivery stays reserved for this node; a crashed node's claims come
         * back after it. Default 60 s. {@link #build()} requires more than the
         * {@link #attemptTimeout} plus 5 s.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder lease(Duration value) {
            this.lease = positive(value, "lease");
            return this;
        }

        /**
         * How often due retries are looked for. Default 1 s. Work published through this instance
         * is looked for at once regardless.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /**
         * The whole time budget of one attempt: connecting, sending, waiting and reading. Default 30 s.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder attemptTimeout(Duration value) {
            this.attemptTimeout = positive(value, "attemptTimeout");
            return this;
        }

        /**
         * Connect timeout of the default transport. Default 10 s. Conflicts with {@link #transport}.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null, zero or negative
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * How long {@link Webhooks#close()} and {@link Webhooks#stop()} wait for attempts under way
         * before giving them back. Default 30 s.
         *
         * @param value zero (do not wait) or a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is null or negative
         */
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
         * Builds the instance; it is not started. Nothing is read from or written to the store here.
         *
         * @return a new instance, not started
         * @throws IllegalStateException if settings conflict: a registry and fixed endpoints, a
         *     custom transport and a network policy or connect timeout, or a lease not longer than the
         *     attempt timeout plus 5 s; or if no {@link #serializer} was given and there is no
         *     Jackson to write the payloads (the message names the artifacts to add)
         * @throws io.cactus.webhooks.http.UrlNotAllowedException if a fixed endpoint's URL is refused
         *     by the network policy
         * @throws IllegalArgumentException if two fixed endpoints share an id
         */
        public Webhooks build() {
            if (registry != null && !endpoints.isEmpty()) {
                throw new IllegalStateException("give either endpoints(registry) or endpoint(...), not both");
            }
            if (transport != null && (networkPolicy != null || connectTimeout != null)) {
                throw new IllegalStateException("a custom transport(...) brings its own "
                        + (networkPolicy != null ? "network policy" : "connect timeout")
                        + "; networkPolicy(...) and connectTimeout(...) apply only to the default transport:"
                        + " configure them on the transport instead");
            }
            if (lease.compareTo(attemptTimeout.plusSeconds(5)) <= 0) {
                throw new IllegalStateException("lease (" + lease + ") must be longer than the attempt timeout ("
                        + attemptTimeout + ") plus 5 s: a shorter one lets attempts under way be claimed twice, an"
                        + " equal one leaves no time to send a claimed delivery");
            }
            PayloadSerializers.requireAvailable(serializer); // before anything that would need closing is made
            NetworkPolicy policy = networkPolicy != null ? networkPolicy : NetworkPolicy.defaults();
            if (transport == null) {
                for (Endpoint e : endpoints) {
                    policy.checkUrl(e.url());
                }
            }
            return new Webhooks(new Engine(new Engine.Config(Optional.ofNullable(store), Optional.ofNullable(registry),
                    endpoints, Optional.ofNullable(transport), Optional.of(policy),
                    connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT, retryPolicy, healthPolicy,
                    listeners, clock, serializer, maxPayloadBytes, nodeId, concurrency, batchSize, lease,
                    pollInterval, attemptTimeout, shutdownTimeout, observer, propagateTraceContext, retention,
                    idempotencyWindow, recovery, operationalEvents, eventTypes)));
        }
    }

}
