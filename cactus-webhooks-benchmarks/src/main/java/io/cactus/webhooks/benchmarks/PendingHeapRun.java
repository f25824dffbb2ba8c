package io.cactus.webhooks.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap with a large backlog: enqueues {@code --pending} deliveries (default 1,000,000) into an H2
 * file store with {@code publishAll} batches while the dispatcher is stopped, then starts it
 * against a slow endpoint (a loopback receiver answering after {@code --slow-ms}) or a dead one
 * (a closed port) and samples the used heap after {@link System#gc()} while it claims. Run it in
 * a small heap to prove the point:
 *
 * <pre>
 * java -Xmx256m -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.PendingHeapRun \
 *     [--pending 1000000] [--batch 1000] [--endpoint slow|dead] [--slow-ms 500] [--run-seconds 60]
 * </pre>
 */
public final class PendingHeapRun {

    private PendingHeapRun() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        int pending = opts.intOpt("pending", 1_000_000);
        int batch = opts.intOpt("batch", 1000);
        String mode = opts.opt("endpoint", "slow");
        int slowMs = opts.intOpt("slow-ms", 500);
        int runSeconds = opts.intOpt("run-seconds", 60);
        int concurrency = opts.intOpt("concurrency", 64);
        LoadEvents load = new LoadEvents(opts.intOpt("padding", LoadEvents.DEFAULT_PADDING));

        System.out.printf(Locale.ROOT, "pending=%d batch=%d endpoint=%s slow-ms=%d run=%ds, JVM %s, max heap %d MB%n",
                pending, batch, mode, slowMs, runSeconds, Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        Path dir = Files.createTempDirectory("cactus-heap-h2");
        LoopbackReceiver receiver = mode.equals("slow") ? new LoopbackReceiver(concurrency + 8, slowMs) : null;
        String url = receiver != null ? receiver.url() : "http://127.0.0.1:" + closedPort() + "/hook";
        try (HikariDataSource pool = StoreSetup.h2Pool(dir.resolve("webhooks"))) {
            JdbcDeliveryStore store = JdbcDeliveryStore.builder(pool).initializeSchema(true).build();
            Webhooks webhooks = CactusWebhooks.builder(store, url, concurrency, concurrency)
                    .shutdownTimeout(Duration.ofSeconds(2))
                    .build();
            long t0 = System.nanoTime();
            for (int done = 0; done < pending; done += batch) {
                List<WebhookEvent> events = new ArrayList<>(batch);
                for (int i = done; i < Math.min(pending, done + batch); i++) {
                    events.add(load.next());
                }
                webhooks.publisher().publishAll(events);
                if ((done + batch) % 100_000 == 0) {
                    System.out.printf(Locale.ROOT, "enqueued %,d in %.0f s, heap used %s%n", done + batch,
                            (System.nanoTime() - t0) / 1e9, heapNow());
                }
            }
            double enqueueSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "enqueued %,d deliveries in %.0f s (%.0f/s); backlog %s; H2 files %d MB%n",
                    pending, enqueueSeconds, pending / enqueueSeconds, webhooks.reader().backlog(), sizeMb(dir));
            long idleHeap = usedAfterGc();
            System.out.printf(Locale.ROOT, "dispatcher stopped: heap used after GC %d MB%n", idleHeap >> 20);

            webhooks.start();
            long started = System.nanoTime();
            long max = 0;
            List<Long> samples = new ArrayList<>();
            while (System.nanoTime() - started < Duration.ofSeconds(runSeconds).toNanos()) {
                Thread.sleep(5_000);
                long used = usedAfterGc();
                samples.add(used >> 20);
                max = Math.max(max, used);
                System.out.printf(Locale.ROOT, "t=%3.0f s: heap used after GC %d MB, in flight %d, received %d%n",
                        (System.nanoTime() - started) / 1e9, used >> 20, webhooks.inFlight(),
                        receiver == null ? 0 : receiver.received());
            }
            System.out.printf(Locale.ROOT, "%nRESULT pending=%d endpoint=%s: heap used after GC, dispatcher stopped %d MB;"
                    + " running %s MB (max %d MB); max heap %d MB; delivered while running %d; backlog after %s%n",
                    pending, mode, idleHeap >> 20, samples, max >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    receiver == null ? 0 : receiver.received(), webhooks.reader().backlog());
            webhooks.close();
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            StoreSetup.deleteTree(dir);
        }
        System.exit(0);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String heapNow() {
        return (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20) + " MB";
    }

    private static long sizeMb(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
