package io.cactus.webhooks.faults;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A webhook receiver in the test JVM, on 127.0.0.1. Every request is verified with the Standard
 * Webhooks Java library; verified webhook-ids are counted, so tests see what arrived, how often,
 * and from which node (the {@code X-Node} header each app process is configured to add).
 *
 * <p>Its behaviour can be switched while it runs: answer 200, answer 503 with {@code Retry-After},
 * answer slowly. {@link #stop()} closes the port (connection refused); {@link #start()} opens the
 * same port again. Thread-safe.
 */
final class Receiver implements AutoCloseable {

    enum Mode { OK, UNAVAILABLE }

    private static final Pattern EMAIL = Pattern.compile("\"email\":\"([^\"]+)\"");

    private final int port;
    private final Webhook verifier;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byNode = new ConcurrentHashMap<>();
    private final Map<String, String> firstNode = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> duplicatesAfterFirstFrom = new ConcurrentHashMap<>();
    private final Map<String, Long> emailArrivalNanos = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final List<Long> latenciesMillis = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final AtomicInteger unavailableBudget = new AtomicInteger();
    private volatile int failEvery;
    private final java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Duration delay = Duration.ZERO;
    private final CountDownLatch neverReleased = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService executor;

    Receiver(String secret) {
        this(FreePorts.next(), secret);
    }

    Receiver(int port, String secret) {
        this.port = port;
        try {
            this.verifier = new Webhook(secret);
        } catch (Exception e) {
            throw new IllegalArgumentException("secret", e);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    synchronized Receiver start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("receiver could not bind 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "receiver-" + port);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Closes the port: the app's next attempts get "connection refused". */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    void mode(Mode value) {
        mode.set(value);
    }

    /** The next {@code n} verified requests get 503 with {@code Retry-After: 1}; then 200 again. */
    void unavailableFor(int n) {
        unavailableBudget.set(n);
    }

    /**
     * Every {@code n}th request gets 500 (0: none), a flaky receiver. Not 503 with {@code Retry-After}:
     * that asks the sender to back off, and the dispatcher then holds the whole endpoint for that
     * long ({@code RecoveryPolicy}), which is a receiver that is unavailable, not flaky. A message is failed this way at
     * most once: retries that come back in lock-step would otherwise land one message on every
     * {@code n}th slot each round and let it die of bad luck rather than of the receiver.
     */
    void failEvery(int n) {
        failEvery = n;
    }

    /** Every answer waits this long first (a slow receiver). */
    void delay(Duration value) {
        delay = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        requests.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            try {
                verifier.verify(body, headers);
            } catch (Exception e) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (!delay.isZero()) {
                try {
                    neverReleased.await(delay.toMillis(), TimeUnit.MILLISECONDS); // a bounded, interruptible wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int every = failEvery;
            String messageId = headers.get("webhook-id").get(0);
            if (mode.get() == Mode.UNAVAILABLE || unavailableBudget.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                unavailableAnswers.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (every > 0 && requests.get() % every == 0 && failedOnce.add(messageId)) {
                unavailableAnswers.incrementAndGet();
                exchange.sendResponseHeaders(500, -1); // a failure, not a request to back off
                return;
            }
            String id = messageId;
            List<String> node = headers.get("x-node");
            String nodeName = node == null ? "?" : node.get(0);
            String first = firstNode.putIfAbsent(id, nodeName);
            if (first != null) {
                duplicatesAfterFirstFrom.computeIfAbsent(first, k -> new AtomicInteger()).incrementAndGet();
            }
            byNode.computeIfAbsent(nodeName, k -> new AtomicInteger()).incrementAndGet();
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Matcher email = EMAIL.matcher(body);
            if (email.find()) {
                emailArrivalNanos.putIfAbsent(email.group(1), System.nanoTime());
            }
            exchange.sendResponseHeaders(200, -1);
            latenciesMillis.add((System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Distinct webhook-ids answered 200. */
    int distinct() {
        return received.size();
    }

    /** 200 answers beyond the first per webhook-id. */
    int duplicates() {
        return received.values().stream().mapToInt(n -> n.get() - 1).sum();
    }

    int count(String webhookId) {
        AtomicInteger n = received.get(webhookId);
        return n == null ? 0 : n.get();
    }

    Set<String> ids() {
        return Set.copyOf(received.keySet());
    }

    Map<String, Integer> byNode() {
        Map<String, Integer> copy = new HashMap<>();
        byNode.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The distinct {@code data.email} values of what was answered 200 (client events). */
    Set<String> emails() {
        return Set.copyOf(emailArrivalNanos.keySet());
    }

    /** When (System.nanoTime) the first 200-answered request with that {@code data.email} arrived, or null. */
    Long arrivalNanos(String email) {
        return emailArrivalNanos.get(email);
    }

    /** Duplicates by the node ({@code X-Node}) that had sent the first copy. */
    Map<String, Integer> duplicatesAfterFirstFrom() {
        Map<String, Integer> copy = new HashMap<>();
        duplicatesAfterFirstFrom.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    int requests() {
        return requests.get();
    }

    int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    /** Requests whose signature did not verify. */
    int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        stop();
    }
}
