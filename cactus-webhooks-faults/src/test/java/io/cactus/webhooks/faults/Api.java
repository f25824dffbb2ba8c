package io.cactus.webhooks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tests ask of the app's JSON API. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static String clientJson(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    /** Total deliveries matching the filter, by the deliveries API ({@code status}, {@code endpoint} may be null). */
    static long deliveries(AppProcess app, String status, String endpoint) {
        StringBuilder q = new StringBuilder("/api/webhooks/deliveries?size=1");
        if (status != null) {
            q.append("&status=").append(status);
        }
        if (endpoint != null) {
            q.append("&endpoint=").append(endpoint);
        }
        HttpResponse<String> r = app.get(q.toString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("deliveries API answered " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("total").asLong();
    }

    /** Every delivery of the endpoint (up to 200) with its attempts, as the deliveries API lists them. */
    static List<JsonNode> deliveryViews(AppProcess app, String endpoint) {
        HttpResponse<String> r = app.get("/api/webhooks/deliveries?size=200&endpoint=" + endpoint);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("deliveries API answered " + r.statusCode() + ": " + r.body());
        }
        List<JsonNode> views = new java.util.ArrayList<>();
        json(r).get("items").forEach(views::add);
        return views;
    }

    /** The recorded attempts of the endpoint whose error contains {@code text}. */
    static long attemptsWithError(AppProcess app, String endpoint, String text) {
        return deliveryViews(app, endpoint).stream().flatMap(v -> java.util.stream.StreamSupport.stream(
                v.get("attempts").spliterator(), false))
                .filter(a -> a.hasNonNull("error") && a.get("error").asText().contains(text)).count();
    }

    static int clients(AppProcess app) {
        HttpResponse<String> r = app.get("/api/clients");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("clients API answered " + r.statusCode() + ": " + r.body());
        }
        return json(r).size();
    }

    /**
     * Creates {@code count} clients from {@code threads} threads; returns the emails of those the API
     * answered 201 for. Bounded: gives up after {@code timeoutSeconds}.
     */
    static Set<String> createClients(AppProcess app, String prefix, int count, int threads, long timeoutSeconds) {
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String email = prefix + "-" + i + "@example.com";
                        HttpResponse<String> r = app.postJson("/api/clients", clientJson("Client " + i, email));
                        if (r.statusCode() == 201) {
                            created.add(email);
                        } else if (failures.incrementAndGet() > 10) {
                            throw new IllegalStateException("POST /api/clients answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (Future<?> f : futures) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating " + count + " clients took longer than " + timeoutSeconds
                    + " s; " + created.size() + " created", e);
        } catch (Exception e) {
            throw new IllegalStateException("creating clients failed after " + created.size(), e);
        } finally {
            pool.shutdownNow();
        }
        return created;
    }
}
