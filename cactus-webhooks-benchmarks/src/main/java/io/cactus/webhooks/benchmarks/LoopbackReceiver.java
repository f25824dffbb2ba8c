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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's {@link HttpServer} on a fixed thread pool). It reads
 * the whole body, notes {@link System#nanoTime()} of the first receipt of each {@code webhook-id},
 * and answers {@code 200} with an empty body, after {@code delayMillis} if that is set (a slow
 * endpoint). Thread-safe.
 */
final class LoopbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final long delayMillis;
    private final ConcurrentHashMap<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final java.util.Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastReceipt = new AtomicLong();
    private volatile Consumer<String> onFirstReceipt = id -> { };

    LoopbackReceiver(int threads, long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            long now = System.nanoTime();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                if (receivedAt.putIfAbsent(id, now) == null) {
                    lastReceipt.accumulateAndGet(now, Math::max);
                    onFirstReceipt.accept(id);
                } else {
                    duplicates.incrementAndGet();
                }
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // the simulated slow receiver holds its request, as a real one does
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** Forgets every receipt and sets what is told of each new one. */
    void reset(Consumer<String> listener) {
        receivedAt.clear();
        duplicates.set(0);
        clientPorts.clear();
        lastReceipt.set(0);
        onFirstReceipt = listener;
    }

    Long receivedAt(String id) {
        return receivedAt.get(id);
    }

    int received() {
        return receivedAt.size();
    }

    /** Distinct client ports seen since the reset: about the number of TCP connections opened. */
    int connections() {
        return clientPorts.size();
    }

    int duplicates() {
        return duplicates.get();
    }

    long lastReceipt() {
        return lastReceipt.get();
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
