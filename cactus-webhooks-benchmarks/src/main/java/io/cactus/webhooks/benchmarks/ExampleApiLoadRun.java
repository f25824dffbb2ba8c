package io.cactus.webhooks.benchmarks;

import static io.cactus.webhooks.benchmarks.Stats.median;
import static io.cactus.webhooks.benchmarks.Stats.ms;
import static io.cactus.webhooks.benchmarks.Stats.pct;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example app's JSON API under load: the packaged CactusDashboard jar, on H2 on disk
 * ({@code WRITE_DELAY=0}, the app's default URL), {@code clients} concurrent keep-alive clients
 * each sending {@code POST /api/clients} (one client row and its {@code client.created} webhook in
 * one transaction) as fast as answers come.
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.ExampleApiLoadRun \
 *     [--jar cactus-dashboard-example/target/cactus-dashboard-example-0.1.0-SNAPSHOT.jar] [--clients 16] \
 *     [--rounds 2] [--warmup 10] [--seconds 20] [--basic-seconds 10] [--port 18090] [--modes on,ext,off] [--jfr DIR] \
 *     [--app-arg --one.more.spring=argument]
 * </pre>
 *
 * <p>A round starts the app once per mode, on fresh data each time, in the order on, ext, off in odd
 * rounds and the reverse in even ones:
 * <ul>
 *   <li>{@code on}: the default configuration; the app delivers every event to its own demo receiver
 *       (a second HTTP request per client created, through Tomcat, the filters and the signature
 *       check, in the same JVM);</li>
 *   <li>{@code ext}: the demo receiver off ({@code --cactus.dashboard.demo-receiver.enabled=false}) and
 *       the n8n endpoint ({@code --N8N_WEBHOOK_URL}, signed with a fixed {@code --WEBHOOK_SECRET}) at a
 *       {@link LoopbackReceiver} in this JVM, as a
 *       receiver on another host would be; after the measured run it reports how many of the
 *       events were received by its end and how long the rest took to arrive;</li>
 *   <li>{@code off}: {@code --cactus.webhooks.enabled=false} (events dropped, no store, no dispatcher).</li>
 * </ul>
 * Each start gets a token from the tokens page, a warm-up with it ({@code warmup} seconds, not
 * reported), then the measured run with the token; in {@code on}, also a run with HTTP Basic (the
 * admin password, BCrypt strength 10, checked on every request). The ratios are token-with-webhooks
 * (on, ext) over token-without (off), within the same round.
 */
public final class ExampleApiLoadRun {

    static final String TOKEN_ON = "token, webhooks on";
    static final String BASIC_ON = "basic, webhooks on";
    static final String TOKEN_OFF = "token, webhooks off";
    static final String TOKEN_EXT = "token, receiver outside";

    /** How the app is started. */
    enum Mode {
        ON("on"), EXT("ext"), OFF("off");

        final String option;

        Mode(String option) {
            this.option = option;
        }
    }

    record Result(int round, String variant, int ok, int errors, double seconds, long[] latencyNanos,
            double cpuMsPerRequest, String loadBefore, String loadAfter) {
        double rate() {
            return ok / seconds;
        }
    }

    private final RunOptions opts;
    private final Path jar;
    private final int clients;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ExampleApiLoadRun(RunOptions opts) {
        this.opts = opts;
        this.jar = Path.of(opts.opt("jar", "cactus-dashboard-example/target/cactus-dashboard-example-0.1.0-SNAPSHOT.jar"));
        this.clients = opts.intOpt("clients", 16);
        this.port = opts.intOpt("port", 18090);
    }

    public static void main(String[] args) throws Exception {
        new ExampleApiLoadRun(RunOptions.parse(args)).run();
    }

    private void run() throws Exception {
        int rounds = opts.intOpt("rounds", 2);
        Path data = Path.of(opts.opt("data", "cactus-webhooks-benchmarks/target/example-api-load"))
                .toAbsolutePath().resolve(String.valueOf(System.currentTimeMillis()));
        System.out.printf(Locale.ROOT, "jar=%s clients=%d rounds=%d warmup=%ds seconds=%ds basic-seconds=%ds, "
                + "load driver JVM %s, %d CPUs (shared with the app), load average at start: %s%n", jar, clients,
                rounds, opts.intOpt("warmup", 10), opts.intOpt("seconds", 20), opts.intOpt("basic-seconds", 10),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        List<String> modes = opts.listOpt("modes", "on,ext,off");
        for (String mode : modes) {
            if (java.util.Arrays.stream(Mode.values()).noneMatch(m -> m.option.equals(mode))) {
                throw new IllegalArgumentException("--modes takes on, ext and off, not " + mode);
            }
        }
        List<Result> results = new ArrayList<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver(8, 0)) {
            for (int round = 1; round <= rounds; round++) {
                List<Mode> order = new ArrayList<>(List.of(Mode.values()));
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (Mode mode : order) {
                    if (modes.contains(mode.option)) {
                        results.addAll(appRun(round, mode, data.resolve("round" + round + "-" + mode.option),
                                receiver));
                    }
                }
            }
        }
        report(results, rounds);
    }

    private List<Result> appRun(int round, Mode mode, Path dataDir, LoopbackReceiver receiver) throws Exception {
        boolean webhooksOn = mode != Mode.OFF;
        List<String> jvmArgs = new ArrayList<>();
        String jfr = opts.opt("jfr", "");
        if (!jfr.isEmpty()) {
            Path file = Files.createDirectories(Path.of(jfr)).toAbsolutePath()
                    .resolve("round" + round + "-" + mode.option + ".jfr");
            jvmArgs.add("-XX:FlightRecorderOptions:stackdepth=512");
            jvmArgs.add("-XX:StartFlightRecording=filename=" + file + ",settings=profile");
        }
        List<String> appArgs = switch (mode) {
            case ON -> List.of();
            case EXT -> List.of("--cactus.dashboard.demo-receiver.enabled=false", "--N8N_WEBHOOK_URL=" + receiver.url(),
                    "--WEBHOOK_SECRET=whsec_" + Base64.getEncoder().encodeToString(
                            "example-api-load-run-secret-0032".getBytes(StandardCharsets.US_ASCII)));
            case OFF -> List.of("--cactus.webhooks.enabled=false");
        };
        String extra = opts.opt("app-arg", "");
        if (!extra.isEmpty()) {
            appArgs = new ArrayList<>(appArgs);
            appArgs.add(extra);
        }
        List<Result> results = new ArrayList<>();
        receiver.reset(id -> { });
        try (ExampleAppProcess app = ExampleAppProcess.start(jar, dataDir, port, jvmArgs, appArgs)) {
            String bearer = "Bearer " + app.createApiToken("load-run");
            Result warmUp = load(app, round, "warm-up", bearer, opts.intOpt("warmup", 10));
            Result token = load(app, round, switch (mode) {
                case ON -> TOKEN_ON;
                case EXT -> TOKEN_EXT;
                case OFF -> TOKEN_OFF;
            }, bearer, opts.intOpt("seconds", 20));
            results.add(token);
            print(token);
            if (mode == Mode.EXT) {
                awaitDeliveries(receiver, warmUp.ok() + token.ok());
            }
            if (mode == Mode.ON && opts.intOpt("basic-seconds", 10) > 0) {
                String basic = "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ExampleAppProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
                Result b = load(app, round, BASIC_ON, basic, opts.intOpt("basic-seconds", 10));
                results.add(b);
                print(b);
            }
        }
        return results;
    }

    /**
     * Prints how many of the {@code created} events the receiver had when the measured run ended and
     * how long the rest took: the events are not dropped while the API is under load, the
     * dispatcher may only lag.
     */
    private static void awaitDeliveries(LoopbackReceiver receiver, int created) {
        int atEnd = receiver.received();
        long start = System.nanoTime();
        org.awaitility.Awaitility.await("all " + created + " client.created webhooks at the receiver")
                .atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.received() >= created);
        System.out.printf(Locale.ROOT, "         receiver outside: %d of %d events (warm-up and run) received when the run"
                + " ended, all %d %.1f s later, %d duplicates%n", atEnd, created, receiver.received(),
                (System.nanoTime() - start) / 1e9, receiver.duplicates());
    }

    /** {@code clients} threads, each sending one request after the other until the time is up. */
    private Result load(ExampleAppProcess app, int round, String variant, String authorization, int seconds)
            throws Exception {
        String loadBefore = loadAverage();
        double cpuBefore = app.cpuSeconds();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger errors = new AtomicInteger();
        long[][] latencies = new long[clients][seconds * 20_000];
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        HttpRequest.Builder base = HttpRequest.newBuilder(app.uri("/api/clients")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", authorization);
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            int client = t;
            long[] mine = latencies[t];
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline && n < mine.length) {
                    String body = "{\"name\":\"Load " + client + "-" + n + "\",\"email\":\"load" + client + "." + n
                            + "@example.com\"}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(base.copy().POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 201) {
                            mine[n++] = System.nanoTime() - t0;
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                counts[client] = n;
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int ok = 0;
        for (int count : counts) {
            ok += count;
        }
        long[] all = new long[ok];
        int i = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, i, counts[t]);
            i += counts[t];
        }
        double cpu = app.cpuSeconds() - cpuBefore;
        return new Result(round, variant, ok, errors.get(), elapsed, all, ok == 0 ? 0 : cpu * 1000 / ok, loadBefore,
                loadAverage());
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "round %d  %-20s %7.1f req/s  ok=%d errors=%d in %.1f s  p50 %.1f ms  p99 %.1f ms"
                + "  app CPU %.2f ms/request  load avg %s -> %s%n", r.round(), r.variant(), r.rate(), r.ok(),
                r.errors(), r.seconds(), ms(pct(r.latencyNanos(), 50)), ms(pct(r.latencyNanos(), 99)),
                r.cpuMsPerRequest(), r.loadBefore(), r.loadAfter());
    }

    private static void report(List<Result> results, int rounds) {
        System.out.println();
        System.out.println("| variant | req/s (median of rounds) | per round | p50 ms | p99 ms | app CPU ms/request |");
        System.out.println("|---|---:|---|---:|---:|---:|");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String variant : List.of(TOKEN_ON, TOKEN_EXT, TOKEN_OFF, BASIC_ON)) {
            List<Result> rs = results.stream().filter(r -> r.variant().equals(variant)).toList();
            if (rs.isEmpty()) {
                continue;
            }
            double rate = median(rs.stream().map(Result::rate).toList());
            medians.put(variant, rate);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.1f | %.2f |%n", variant, rate,
                    String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.rate())).toList()),
                    median(rs.stream().map(r -> ms(pct(r.latencyNanos(), 50))).toList()),
                    median(rs.stream().map(r -> ms(pct(r.latencyNanos(), 99))).toList()),
                    median(rs.stream().map(Result::cpuMsPerRequest).toList()));
        }
        System.out.println();
        double ratio = ratio(results, rounds, TOKEN_ON, "on");
        double ratioExt = ratio(results, rounds, TOKEN_EXT, "ext");
        double tokenOn = medians.getOrDefault(TOKEN_ON, Double.NaN);
        if (medians.containsKey(BASIC_ON)) {
            System.out.printf(Locale.ROOT, "token / basic (webhooks on): %.1fx%n", tokenOn / medians.get(BASIC_ON));
        }
        System.out.printf(Locale.ROOT, "target >= 500 req/s with a token: %s; target ratio >= 0.8: %s"
                + " (receiver outside: %s)%n", verdict(tokenOn, 500, "%.1f"), verdict(ratio, 0.8, "%.2f"),
                verdict(ratioExt, 0.8, "%.2f"));
        System.out.println("load average at end: " + loadAverage());
    }

    /** "value, met" or "value, MISSED"; "not run" for a variant left out by {@code --modes}. */
    private static String verdict(double value, double target, String format) {
        return Double.isNaN(value) ? "not run"
                : String.format(Locale.ROOT, format, value) + (value >= target ? ", met" : ", MISSED");
    }

    /** Prints and returns the median over rounds of {@code variant}'s rate over webhooks-off's. */
    private static double ratio(List<Result> results, int rounds, String variant, String name) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            double on = results.stream().filter(x -> x.round() == r && x.variant().equals(variant))
                    .mapToDouble(Result::rate).findFirst().orElse(Double.NaN);
            double off = results.stream().filter(x -> x.round() == r && x.variant().equals(TOKEN_OFF))
                    .mapToDouble(Result::rate).findFirst().orElse(Double.NaN);
            ratios.add(on / off);
        }
        double ratio = median(ratios);
        System.out.printf(Locale.ROOT, "ratio token %s / off, per round: %s; median %.2f%n", name,
                String.join(", ", ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()), ratio);
        return ratio;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
