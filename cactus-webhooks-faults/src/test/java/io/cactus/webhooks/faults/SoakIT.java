package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenario 10: a bounded soak (default 60 s, {@code -Dfaults.soak.seconds}) of steady
 * publishing to a healthy and a flaky endpoint. Heap after a full GC and the thread count stay flat.
 */
class SoakIT {

    private static final int SECONDS = Integer.getInteger("faults.soak.seconds", 60);
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    @Test
    void heapAfterGcAndThreadsStayFlat() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "soak-");
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (Receiver healthy = new Receiver(secret).start(); Receiver flaky = new Receiver(secret).start();
                AppProcess app = AppProcess.builder("soak", data).endpoint(0, "healthy", healthy.url(), secret)
                        .endpoint(1, "flaky", flaky.url(), secret).build().start()) {
            flaky.failEvery(3);
            Set<String> published = ConcurrentHashMap.newKeySet();
            AtomicInteger n = new AtomicInteger();
            load.scheduleAtFixedRate(() -> {
                String email = "soak-" + n.incrementAndGet() + "@example.com";
                if (app.postJson("/api/clients", Api.clientJson("Soak", email)).statusCode() == 201) {
                    published.add(email);
                }
            }, 0, 50, TimeUnit.MILLISECONDS); // up to 20 events/s, each to two endpoints

            List<long[]> samples = new ArrayList<>(); // {seconds, heap used after GC KiB, threads}
            long t0 = System.nanoTime();
            int every = Math.max(10, SECONDS / 6);
            for (int s = every; s <= SECONDS; s += every) {
                long due = t0 + TimeUnit.SECONDS.toNanos(s);
                await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(every + 30))
                        .until(() -> System.nanoTime() >= due);
                samples.add(new long[] {s, heapAfterGcKib(app.pid()), threads(app.pid())});
            }
            load.shutdownNow();
            load.awaitTermination(30, TimeUnit.SECONDS);
            await("everything delivered to both").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> healthy.emails().containsAll(published) && flaky.emails().containsAll(published));

            StringBuilder series = new StringBuilder();
            samples.forEach(x -> series.append(x[0]).append("s: ").append(x[1] / 1024).append(" MiB/")
                    .append(x[2]).append(" threads; "));
            long[] first = samples.get(1); // after warm-up
            long[] last = samples.get(samples.size() - 1);
            Report.row("10 soak", SECONDS + " s, " + published.size() + " events to a healthy and a flaky (every 3rd"
                    + " request 500, a message at most once) endpoint, all delivered; heap after GC / threads: " + series);
            assertThat(last[1] - first[1]).as("heap after GC growth (KiB) " + series).isLessThan(24 * 1024);
            assertThat(last[2] - first[2]).as("thread growth " + series).isLessThanOrEqualTo(8);
        } finally {
            load.shutdownNow();
        }
    }

    /** Runs a full GC in the app (jcmd) and reads what is left of the heap. */
    private static long heapAfterGcKib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        Matcher m = USED.matcher(info);
        while (m.find()) { // SerialGC: the young and the tenured generation
            used += Long.parseLong(m.group(1));
        }
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jcmd " + command + " did not finish");
        }
        return out;
    }

    private static long threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
