package io.cactus.webhooks.faults;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The child process of {@link OrderedCrashIT}: the core library on an H2 file ({@code WRITE_DELAY=0},
 * so a committed publish survives {@code kill -9}), one {@code per-key-block} endpoint at the
 * test's receiver, 16 in flight, attempts time out after 2 s and leases end after 10 s (a killed node's in-flight heads are taken again
 * soon after the restart).
 *
 * <pre>
 * java -cp &lt;test class path&gt; io.cactus.webhooks.faults.OrderedNode &lt;h2 file&gt; &lt;receiver url&gt; &lt;secret&gt; publish &lt;keys&gt; &lt;places&gt;
 * java -cp &lt;test class path&gt; io.cactus.webhooks.faults.OrderedNode &lt;h2 file&gt; &lt;receiver url&gt; &lt;secret&gt; resume
 * </pre>
 *
 * <p>{@code publish}: dispatching from the start, publishes {@code places} events for each of
 * {@code keys} keys, place by place (place 1 of every key, then place 2, ...), each event's data
 * {@code {"key": "k<i>", "place": <p>}}, one publish call (one commit) each, and prints
 * {@code published <key> <place>} after each call returned; then keeps dispatching until killed.
 * {@code resume}: publishes nothing, prints {@code stored <n>} (the deliveries in the store) and
 * dispatches until killed. stdout is the protocol; the library logs to stderr.
 */
public final class OrderedNode {

    private OrderedNode() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String url = args[1];
        String secret = args[2];
        String mode = args[3];
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
        h2.setUser("sa");
        h2.setPassword("");
        Webhooks webhooks = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(h2).initializeSchema(true).build())
                .endpoint(Endpoint.builder("ordered", url).secret(secret).maxInFlight(16)
                        .ordering(EndpointOrdering.PER_KEY_BLOCK).build())
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .retryPolicy(RetryPolicy.builder().schedule(java.util.Collections.nCopies(30, Duration.ofSeconds(1)))
                        .jitter(0).build())
                .attemptTimeout(Duration.ofSeconds(2))
                .lease(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .concurrency(16)
                .nodeId("ordered-" + ProcessHandle.current().pid())
                .build()
                .start();
        if (mode.equals("publish")) {
            int keys = Integer.parseInt(args[4]);
            int places = Integer.parseInt(args[5]);
            EventType type = EventType.of("client.updated");
            for (int place = 1; place <= places; place++) {
                for (int k = 0; k < keys; k++) {
                    String key = "k" + k;
                    webhooks.publisher().publish(WebhookEvent.builder(type, Map.of("key", key, "place", place))
                            .orderingKey(key).build());
                    System.out.println("published " + key + " " + place);
                }
            }
            System.out.println("published all");
        } else {
            System.out.println("stored " + webhooks.reader().count(DeliveryQuery.all()));
        }
        System.out.flush();
        new CountDownLatch(1).await(10, TimeUnit.MINUTES); // dispatches until the test kills it
        webhooks.close();
    }

    /** Starts the child with the test JVM's class path; its stdout is read by the caller, stderr goes to {@code log}. */
    static Process start(Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.logFile=System.err"));
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(OrderedNode.class.getName());
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }
}
