package io.cactus.webhooks.http;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.http.TransportErrors.Classified;
import io.cactus.webhooks.spi.WebhookTransport;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link WebhookTransport}: one shared {@link OkHttpClient}, asynchronous calls, the
 * {@link NetworkPolicy} SSRF guard, no redirects, and a response read capped at 4 KiB.
 *
 * <p>Every attempt gets {@link TransportRequest#timeout()} as its total budget (connecting, sending,
 * waiting and reading the excerpt). The returned future always completes, and never exceptionally:
 * a refused address, timeout, refused connection, reset, TLS failure, unparsable response or bad
 * request is reported as the {@link AttemptOutcome}'s {@link FailureKind}, with the exception as
 * its {@linkplain AttemptOutcome#cause() cause} and a detail text that quotes no header value, URL
 * query or body. A request that cannot be built (an invalid header value, a URL the policy refuses)
 * is reported without anything being sent. A response whose status arrived but whose body then failed
 * (timeout, disconnect) reports both the status and the error, unless every byte its
 * {@code Content-Length} announced had arrived. A {@code 3xx} is reported as its status; the
 * redirect is not followed. Only the first {@value #EXCERPT_LIMIT} bytes of a body are read; if
 * more follow, the connection is closed instead of drained.
 *
 * <p>One failure is sent again, once, within the same attempt and budget: a request written into a
 * pooled HTTP/1 connection that the receiver had already closed (a receiver that closes after every
 * response, such as an HTTP/1.0 server, or whose keep-alive timeout just ran out): the connection
 * came from the pool, the call fails with a disconnect, and neither a response header nor part of a
 * response line had arrived. That request never reached the receiver's application; it is sent on a
 * new connection. (OkHttp reports headers only once all of them are read: a connection reset in the
 * middle of a status line, with nothing buffered, cannot be told apart, so a receiver may rarely see
 * a request twice, with the same {@code webhook-id}.) Nothing else is retried here: the library's
 * retry policy decides.
 *
 * <p>The client is always configured with: a guarding DNS that refuses the addresses the policy
 * refuses, in front of the resolver; sockets that check the policy on the address and port they
 * connect to before connecting (so an address allowed on one port only is refused on another without
 * a TCP connection, whether the URL named it or a name resolved to it); a network interceptor that
 * checks each request's path against an allow-list entry limited to one path, on the connection it
 * is about to be written to; no proxy, no redirects, and none of OkHttp's own retries
 * ({@code retryOnConnectionFailure(false)}, which would also repeat requests the receiver may have
 * processed). The client built here also has no read or write timeouts (the attempt budget
 * governs), a dispatcher allowing {@value #DEFAULT_MAX_REQUESTS} calls at once on daemon threads
 * (the library's dispatcher limits per endpoint itself), and a connect timeout of 10 s by default.
 *
 * <p>Dependent stages of the returned future run on OkHttp's threads unless added with an
 * {@code *Async} method; they must not block. Thread-safe.
 */
public final class OkHttpWebhookTransport implements WebhookTransport {

    /** How many bytes of a response body are read and reported. */
    public static final int EXCERPT_LIMIT = 4096;

    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The default limit of calls under way at once, for a client built here. */
    public static final int DEFAULT_MAX_REQUESTS = 256;

    /** The default number of idle connections kept for reuse, for a client built here. */
    public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 32;

    private static final Logger log = LoggerFactory.getLogger(OkHttpWebhookTransport.class);

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    /** The same client with a pool that keeps no idle connection: every call on it connects. */
    private final OkHttpClient freshClient;
    private final NetworkPolicy policy;
    private final String userAgent;
    private final boolean ownsClient;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Sends through a client of the caller's (its pool, dispatcher, TLS settings, interceptors),
     * derived with the {@linkplain NetworkPolicy#defaults() default policy} and the safety settings
     * above. {@link #close()} then leaves that client's dispatcher and pool running.
     *
     * @param client the caller's client; its DNS stays behind the guard
     * @throws NullPointerException if {@code client} is null
     * @throws IllegalArgumentException when the client has a proxy or a socket factory of its own
     *     (see {@link Builder#client})
     */
    public OkHttpWebhookTransport(OkHttpClient client) {
        this(builder().client(client));
    }

    private OkHttpWebhookTransport(Builder b) {
        this.policy = b.policy;
        this.userAgent = b.userAgent;
        this.ownsClient = b.client == null;
        OkHttpClient.Builder cb;
        Dns delegate;
        if (b.client == null) {
            Dispatcher dispatcher = new Dispatcher(newExecutor());
            dispatcher.setMaxRequests(b.maxRequests);
            dispatcher.setMaxRequestsPerHost(b.maxRequests);
            cb = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(b.maxIdleConnections, 5, TimeUnit.MINUTES))
                    .connectTimeout(b.connectTimeout)
                    .readTimeout(Duration.ZERO)
                    .writeTimeout(Duration.ZERO);
            delegate = Dns.SYSTEM;
        } else {
            Proxy proxy = b.client.proxy();
            if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
                throw new IllegalArgumentException("client has proxy " + proxy + ": the SSRF guard must see the"
                        + " addresses actually connected to, which a proxy hides; use a client without a proxy");
            }
            SocketFactory sockets = b.client.socketFactory();
            if (sockets != SocketFactory.getDefault() && !(sockets instanceof GuardingSocketFactory)) {
                throw new IllegalArgumentException("client has socket factory " + sockets.getClass().getName()
                        + ": the SSRF guard checks every connection with a socket factory of its own; use a client"
                        + " with the default one");
            }
            cb = b.client.newBuilder();
            if (b.connectTimeoutSet) {
                cb.connectTimeout(b.connectTimeout);
            }
            delegate = b.client.dns();
        }
        if (b.dns != null) {
            delegate = b.dns;
        }
        this.client = cb.dns(new SsrfGuardingDns(policy, delegate))
                .socketFactory(new GuardingSocketFactory(policy))
                .addNetworkInterceptor(new PathGuardInterceptor(policy))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
        this.freshClient = client.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    }

    private static ExecutorService newExecutor() {
        AtomicInteger n = new AtomicInteger();
        // Like OkHttp's own executor, but daemon threads: a sender must not keep the JVM alive.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "cactus-webhooks-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A builder for a transport with its own client, unless {@link Builder#client} is given.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The network policy applied to every send.
     *
     * @return the policy given to the builder, or {@link NetworkPolicy#defaults()}
     */
    public NetworkPolicy policy() {
        return policy;
    }

    /**
     * The user-agent sent unless a request carries its own.
     *
     * @return the header value
     */
    public String userAgent() {
        return userAgent;
    }

    @Override
    public CompletableFuture<AttemptOutcome> send(TransportRequest request) {
        long start = System.nanoTime();
        if (closed.get()) {
            return CompletableFuture.completedFuture(failed(FailureKind.CANCELLED, TransportErrors.CLOSED, null, start));
        }
        Request okRequest;
        try {
            okRequest = toOkHttp(request);
        } catch (UrlNotAllowedException e) {
            return CompletableFuture.completedFuture(failed(FailureKind.ADDRESS_REFUSED,
                    TransportErrors.ADDRESS_NOT_ALLOWED + e.reason(), e, start));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failed(FailureKind.INVALID_REQUEST,
                    TransportErrors.cap("invalid request: " + e.getMessage()), e, start));
        }
        CompletableFuture<AttemptOutcome> future = new CompletableFuture<>();
        enqueue(client, okRequest, new Attempt(start, budgetNanos(request.timeout()), future), null);
        return future;
    }

    /** One send: when it started, its budget, and the future its outcome completes. */
    private record Attempt(long start, long budgetNanos, CompletableFuture<AttemptOutcome> future) {
        long remainingNanos() {
            return budgetNanos - (System.nanoTime() - start);
        }
    }

    /**
     * Calls through {@code via}. A first call ({@code staleFailure} null) that fails on a stale pooled
     * connection is sent once more through {@link #freshClient}, within what is left of the budget.
     */
    private void enqueue(OkHttpClient via, Request request, Attempt attempt, @Nullable IOException staleFailure) {
        Call call = via.newCall(request);
        call.timeout().timeout(Math.max(1, attempt.remainingNanos()), TimeUnit.NANOSECONDS);
        StaleConnectionProbe probe = new StaleConnectionProbe();
        call.addEventListener(probe);
        inFlight.add(call);
        if (closed.get()) {
            // close() ran after send() checked: it may have missed this call.
            call.cancel();
        }
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                AttemptOutcome outcome;
                try {
                    outcome = ResponseExcerpt.read(c, response, attempt.start(), closed::get);
                } catch (RuntimeException e) {
                    // The future must complete whatever happens, or the attempt would hang for good.
                    c.cancel();
                    response.close();
                    outcome = failed(FailureKind.INVALID_RESPONSE, TransportErrors.cap("invalid response: "
                            + e.getClass().getSimpleName()), e, attempt.start());
                }
                complete(c, attempt.future(), outcome);
            }

            @Override
            public void onFailure(Call c, IOException e) {
                Classified failure = TransportErrors.describe(e, c.isCanceled(), closed.get());
                if (staleFailure == null && probe.failedOnStaleConnection(failure.kind(), e)
                        && attempt.remainingNanos() > 0) {
                    log.debug("Sending {} to {} again on a new connection: the pooled one had been closed by the"
                            + " receiver ({})", request.header("webhook-id"), request.url().redact(), e.toString());
                    inFlight.remove(c);
                    enqueue(freshClient, request, attempt, e);
                    return;
                }
                if (staleFailure != null) {
                    // Classified first: the stale connection's end of stream must not decide the kind.
                    e.addSuppressed(staleFailure);
                }
                complete(c, attempt.future(), failed(failure.kind(), failure.detail(), e, attempt.start()));
            }
        });
    }

    private Request toOkHttp(TransportRequest request) {
        if (request == null || request.url() == null || request.body() == null) {
            throw new IllegalArgumentException("request, its url and its body must not be null");
        }
        if (request.timeout() == null || request.timeout().isNegative() || request.timeout().isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + request.timeout());
        }
        URI url = request.url();
        policy.checkUrl(url);
        HttpUrl httpUrl = HttpUrl.parse(url.toString());
        if (httpUrl == null) {
            // Not the URL itself in the message: its path or query may hold a token.
            throw new IllegalArgumentException("the url cannot be parsed as an http(s) URL");
        }
        // The host, port and path as OkHttp will send them, after its own decoding and normalisation.
        policy.checkTarget(url, httpUrl.host(), httpUrl.port(), httpUrl.encodedPath());
        Headers.Builder headers = new Headers.Builder();
        Map<String, String> given = request.headers() == null ? Map.of() : request.headers();
        given.forEach((name, value) -> {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") || lower.equals("content-length")) {
                return;
            }
            try {
                headers.add(name, value);
            } catch (RuntimeException e) {
                // OkHttp's message may quote the value, which can be a credential.
                throw new IllegalArgumentException("header " + quoted(name) + " cannot be sent (invalid name or value)");
            }
        });
        if (headers.get("user-agent") == null) {
            headers.add("user-agent", userAgent);
        }
        return new Request.Builder()
                .url(httpUrl)
                .headers(headers.build())
                .post(RequestBody.create(request.body(), JSON))
                .build();
    }

    /** The name in quotes, or a placeholder when it is not one OkHttp could send. */
    private static String quoted(@Nullable String name) {
        return name != null && !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                ? "'" + name + "'" : "(an invalid name)";
    }

    private static long budgetNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static AttemptOutcome failed(FailureKind kind, String detail, @Nullable Throwable cause, long start) {
        return AttemptOutcome.failure(kind, detail, cause, since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void complete(Call call, CompletableFuture<AttemptOutcome> future, AttemptOutcome response) {
        inFlight.remove(call);
        future.complete(response);
    }

    /**
     * Cancels the sends under way (their outcomes are {@link FailureKind#CANCELLED}) and refuses new
     * ones the same way. A client built here also has its threads shut down and its connections
     * evicted. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Call call : inFlight) {
            call.cancel();
        }
        freshClient.connectionPool().evictAll();
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "OkHttpWebhookTransport[" + policy + ", userAgent=" + userAgent + "]";
    }

    /** Builds an {@link OkHttpWebhookTransport}; each argument is checked at once. Not thread-safe. */
    public static final class Builder {
        private NetworkPolicy policy = NetworkPolicy.defaults();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean connectTimeoutSet;
        private String userAgent = "CactusWebhooks/" + LibraryVersion.VALUE;
        private int maxRequests = DEFAULT_MAX_REQUESTS;
        private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;
        private @Nullable OkHttpClient client;
        private @Nullable Dns dns;

        private Builder() {
        }

        /**
         * Where sending is allowed; {@link NetworkPolicy#defaults()} unless set.
         *
         * @param value the policy
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder policy(NetworkPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * The TCP (and TLS) connect timeout; 10 s by default. With a {@link #client} of the
         * caller's, that client's connect timeout applies unless this is called.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder connectTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, was " + value);
            }
            this.connectTimeout = value;
            this.connectTimeoutSet = true;
            return this;
        }

        /**
         * The user-agent header; {@code CactusWebhooks/<version>} by default.
         *
         * @param value not blank
         * @return this builder
         * @throws IllegalArgumentException if null or blank
         */
        public Builder userAgent(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            this.userAgent = value;
            return this;
        }

        /**
         * How many calls may be under way at once, in total and per host; 256 by default. Does
         * not apply to a {@link #client} of the caller's.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxRequests(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxRequests must be at least 1, was " + value);
            }
            this.maxRequests = value;
            return this;
        }

        /**
         * How many idle connections the pool keeps (each for up to 5 minutes); 32 by default. Give
         * at least the number of calls expected under way at once to one host: when more are open
         * than this, the pool closes the surplus as soon as they fall idle, and the next calls
         * connect again. Does not apply to a {@link #client} of the caller's.
         *
         * @param value zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxIdleConnections(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxIdleConnections must not be negative, was " + value);
            }
            this.maxIdleConnections = value;
            return this;
        }

        /**
         * Derives the client from the caller's instead of building one (sharing its pool and
         * dispatcher; {@link #maxRequests} does not apply). Its DNS is kept behind the guard; its
         * redirect, retry and proxy settings are overridden, and the guard's network interceptor
         * comes after its own. A client with a proxy or with a socket factory other than the
         * default is refused by {@link #build()}.
         *
         * @param value the caller's client
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder client(OkHttpClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * Resolves names with this DNS (behind the guard) instead of the system's or the client's.
         *
         * @param value the resolver
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder dns(Dns value) {
            this.dns = Objects.requireNonNull(value, "dns");
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return a new transport; close it when done
         * @throws IllegalArgumentException if the caller's {@link #client} has a proxy or a socket
         *     factory of its own
         */
        public OkHttpWebhookTransport build() {
            return new OkHttpWebhookTransport(this);
        }
    }
}
