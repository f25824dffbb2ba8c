package io.cactus.webhooks.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

/**
 * A webhook receiver on 127.0.0.1 that knows, for each {@code webhook-id} the run registered, its
 * ordering key (an index) and its place in the key's publish order, and checks the order of
 * arrival per key: a first receipt of place {@code s} after a place greater than {@code s} of the
 * same key is a violation; a request while another of the same key is still being answered is an
 * overlap (two of one key in flight at once). Either can happen on an unordered endpoint, which is
 * what shows that the checks see them. One key can be made to fail (HTTP 500) until a deadline.
 * Thread-safe.
 */
final class KeyOrderReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentHashMap<String, Long> places = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger violations = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();
    private volatile AtomicIntegerArray lastPlace = new AtomicIntegerArray(1);
    private volatile AtomicIntegerArray inFlight = new AtomicIntegerArray(1);
    private volatile int failingKey = -1;
    private volatile long failUntilNanos;
    private volatile IntConsumer onFirstReceipt = key -> { };

    KeyOrderReceiver(int threads) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Forgets everything; {@code listener} is told the key of each first receipt. */
    void reset(int keys, IntConsumer listener) {
        places.clear();
        receivedAt.clear();
        duplicates.set(0);
        violations.set(0);
        overlaps.set(0);
        failures.set(0);
        unknown.set(0);
        lastPlace = new AtomicIntegerArray(keys);
        inFlight = new AtomicIntegerArray(keys);
        failingKey = -1;
        onFirstReceipt = listener;
    }

    /** Registers a webhook-id before it is published: its key (0..keys-1) and its place (from 1). */
    void expect(String id, int key, int place) {
        places.put(id, ((long) key << 32) | place);
    }

    /** Answers 500 to every request of {@code key} until {@code untilNanos} (System.nanoTime). */
    void failKey(int key, long untilNanos) {
        failUntilNanos = untilNanos;
        failingKey = key;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            long now = System.nanoTime();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            Long place = id == null ? null : places.get(id);
            if (place == null) {
                unknown.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            int key = (int) (place >>> 32);
            int seq = (int) (long) place;
            AtomicIntegerArray flying = inFlight;
            if (flying.incrementAndGet(key) > 1) {
                overlaps.incrementAndGet();
            }
            try {
                if (key == failingKey && now - failUntilNanos < 0) {
                    failures.incrementAndGet();
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                if (receivedAt.putIfAbsent(id, now) != null) {
                    duplicates.incrementAndGet();
                } else {
                    int before = lastPlace.getAndAccumulate(key, seq, Math::max);
                    if (before > seq) {
                        violations.incrementAndGet();
                    }
                    onFirstReceipt.accept(key);
                }
            } finally {
                flying.decrementAndGet(key);
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    Long receivedAt(String id) {
        return receivedAt.get(id);
    }

    int received() {
        return receivedAt.size();
    }

    int duplicates() {
        return duplicates.get();
    }

    /** First receipts of a place after a later place of the same key. */
    int violations() {
        return violations.get();
    }

    /** Requests that arrived while another of the same key was being answered. */
    int overlaps() {
        return overlaps.get();
    }

    /** 500 answers given to the failing key. */
    int failures() {
        return failures.get();
    }

    /** Requests with a webhook-id the run had not registered (there should be none). */
    int unknown() {
        return unknown.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
