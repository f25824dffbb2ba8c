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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A receiver for ordered events ({@code "key":"k<i>","place":<p>} in the data, see
 * {@link OrderedNode}) that verifies each signature and checks the order of arrival per key. An
 * arrival of place {@code p} after a greater place of the same key had arrived is a
 * <em>violation</em> (an earlier event after a later one), whether {@code p} is new or a repeat; a
 * repeat of the latest place (an in-flight attempt sent again after a crash) is a
 * <em>duplicate</em> and allowed. Two requests of one key at once are counted as overlaps. Answers
 * 200, after {@link #delay} if set. Thread-safe.
 */
final class OrderRecorder implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("\"key\":\"(k\\d+)\"");
    private static final Pattern PLACE = Pattern.compile("\"place\":(\\d+)");

    private final Webhook verifier;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<Integer>> arrivals = new HashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final CountDownLatch neverReleased = new CountDownLatch(1);
    private final List<String> violations = new ArrayList<>();
    private int duplicates;
    private volatile Duration delay = Duration.ZERO;

    OrderRecorder(String secret) {
        try {
            this.verifier = new Webhook(secret);
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalArgumentException("secret", e);
        }
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "order-recorder");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every answer waits this long first (a slow receiver). */
    void delay(Duration value) {
        delay = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            Matcher key = KEY.matcher(body);
            Matcher place = PLACE.matcher(body);
            try {
                verifier.verify(body, headers);
            } catch (Exception e) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (!key.find() || !place.find()) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            AtomicInteger flying = inFlight.computeIfAbsent(key.group(1), k -> new AtomicInteger());
            if (flying.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                arrived(key.group(1), Integer.parseInt(place.group(1)));
                if (!delay.isZero()) {
                    try {
                        neverReleased.await(delay.toMillis(), TimeUnit.MILLISECONDS); // a bounded, interruptible wait
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            } finally {
                flying.decrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private synchronized void arrived(String key, int place) {
        List<Integer> seen = arrivals.computeIfAbsent(key, k -> new ArrayList<>());
        int latest = seen.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (place < latest) {
            violations.add(key + ": place " + place + " after " + latest);
        } else if (place == latest) {
            duplicates++;
        }
        seen.add(place);
    }

    /** Distinct (key, place) pairs that arrived. */
    synchronized int distinct() {
        return arrivals.values().stream().mapToInt(l -> new TreeSet<>(l).size()).sum();
    }

    /** The distinct places of {@code key} that arrived, in order. */
    synchronized Set<Integer> places(String key) {
        return new TreeSet<>(arrivals.getOrDefault(key, List.of()));
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized int duplicates() {
        return duplicates;
    }

    int overlaps() {
        return overlaps.get();
    }

    int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
