package io.cactus.webhooks.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The example app's weekly report ({@code GET /api/reports/weekly?week=...}, docs/reports.md) over a
 * large history, on H2 on disk: the packaged CactusDashboard jar is started once on a fresh data
 * directory (its migrations create the tables) and stopped; {@link HistoryLoader} then writes
 * {@code history} succeeded deliveries (each with its message and one attempt), one every
 * {@code spacing-ms}, the newest an hour ago, straight into the H2 file; the app is started again
 * (retention off, so nothing is purged) and each complete week the history covers is asked for,
 * {@code rounds} times in turn, with an API token. Every week holds about the same number of
 * deliveries, at different depths of the history: the times should not grow with the history
 * behind a week. Prints the time of each request, the app's CPU per report, and the medians.
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.WeeklyReportRun \
 *     [--jar cactus-dashboard-example/target/cactus-dashboard-example-0.1.0-SNAPSHOT.jar] [--history 2500000] \
 *     [--spacing-ms 604] [--rounds 3] [--port 18091] [--dir target/weekly-report-run]
 * </pre>
 */
public final class WeeklyReportRun {

    private WeeklyReportRun() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        Path jar = Path.of(opts.opt("jar", "cactus-dashboard-example/target/cactus-dashboard-example-0.1.0-SNAPSHOT.jar"));
        long history = Long.parseLong(opts.opt("history", "2500000"));
        Duration spacing = Duration.ofMillis(Long.parseLong(opts.opt("spacing-ms", "604")));
        int rounds = opts.intOpt("rounds", 3);
        int port = opts.intOpt("port", 18091);
        Path dir = Path.of(opts.opt("dir", "target/weekly-report-run")).toAbsolutePath();
        Path dataDir = dir.resolve("data-" + System.currentTimeMillis());
        List<String> appArgs = List.of("--cactus.webhooks.retention.enabled=false",
                "--cactus.dashboard.demo-receiver.enabled=false");
        System.out.printf(Locale.ROOT, "weekly report run: history %,d deliveries one every %d ms (%.1f weeks), H2 file"
                + " WRITE_DELAY=0, load %s%n", history, spacing.toMillis(),
                history * spacing.toMillis() / (double) Duration.ofDays(7).toMillis(), LoadAverage.now());

        try (ExampleAppProcess app = ExampleAppProcess.start(jar, dataDir, port, List.of(), appArgs)) {
            System.out.println("schema created by the app's migrations (pid " + app.pid() + ")");
        }
        Instant now = Instant.now();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve("cactus") + ";WRITE_DELAY=0");
        h2.setUser("sa");
        h2.setPassword("");
        HistoryLoader loader = new HistoryLoader(h2, history, spacing, "{\"id\":1}".getBytes(), now);
        long loadStart = System.nanoTime();
        for (long from = 0; from < history; from += 100_000) {
            loader.load(from, Math.min(history, from + 100_000));
        }
        closeH2(h2);
        System.out.printf(Locale.ROOT, "loaded in %.0f s%n", (System.nanoTime() - loadStart) / 1e9);

        List<String> weeks = completeWeeks(loader.createdAt(0), loader.createdAt(history - 1));
        List<List<Double>> millis = new ArrayList<>();
        try (ExampleAppProcess app = ExampleAppProcess.start(jar, dataDir, port, List.of(), appArgs)) {
            String token = app.createApiToken("weekly report run");
            HttpClient http = HttpClient.newHttpClient();
            ask(http, app, token, weeks.get(weeks.size() - 1)); // warm-up, not counted
            for (int w = 0; w < weeks.size(); w++) {
                millis.add(new ArrayList<>());
            }
            for (int round = 1; round <= rounds; round++) {
                for (int w = 0; w < weeks.size(); w++) {
                    double cpuBefore = app.cpuSeconds();
                    long start = System.nanoTime();
                    String body = ask(http, app, token, weeks.get(w));
                    double ms = (System.nanoTime() - start) / 1e6;
                    double cpu = (app.cpuSeconds() - cpuBefore) * 1000;
                    millis.get(w).add(ms);
                    System.out.printf(Locale.ROOT, "round %d week %s deliveries %s: %.0f ms (app CPU %.0f ms), load %s%n",
                            round, weeks.get(w), field(body, "deliveries"), ms, cpu, LoadAverage.now());
                }
            }
        }
        System.out.println("medians (ms), oldest week first:");
        for (int w = 0; w < weeks.size(); w++) {
            System.out.printf(Locale.ROOT, "  %s  %.0f%n", weeks.get(w), Stats.median(millis.get(w)));
        }
    }

    private static String ask(HttpClient http, ExampleAppProcess app, String token, String week)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri("/api/reports/weekly?week=" + week))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("week " + week + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The total's {@code "deliveries":n}: the first one after {@code "total"}. */
    private static String field(String json, String name) {
        int total = json.indexOf("\"total\"");
        int at = json.indexOf("\"" + name + "\":", total);
        int end = at;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return at < 0 ? "?" : json.substring(at + name.length() + 3, end);
    }

    /** The ISO weeks wholly inside [first, last]. */
    static List<String> completeWeeks(Instant first, Instant last) {
        LocalDate monday = LocalDate.ofInstant(first, ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        List<String> weeks = new ArrayList<>();
        while (!monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(last)) {
            weeks.add(String.format(Locale.ROOT, "%04d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            monday = monday.plusWeeks(1);
        }
        return weeks;
    }

    private static void closeH2(JdbcDataSource h2) throws SQLException {
        try (var c = h2.getConnection(); var s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** The 1-minute load average, from /proc. */
    static final class LoadAverage {
        static String now() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
