package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.json.JacksonPayloadSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;

/**
 * Claims, drain and retention with a large finished history (issue 12, "Scale benchmark"), on
 * each store kind, in one JVM:
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.ScaleRun \
 *     [--history 10000000] [--pending 100000] [--purge 1000000] [--stores pg-durable,h2] [--repeats 3] \
 *     [--purge-variants retention,admin] [--purge-repeats 1] [--claims 300] [--out report.txt]
 * </pre>
 *
 * <p>Per store: one database gets {@code history} SUCCEEDED deliveries (each with its message and
 * one attempt), bulk-loaded with SQL ({@link HistoryLoader}) into the tables the library's migrator
 * created; a second, empty database on the same server (or H2 folder) is the comparison. Then
 * {@code repeats} rounds, each on the empty database and then the history one: {@code pending}
 * events published through the API (dispatcher stopped), {@code claims} timed store claims
 * ({@link ClaimProbe}), then the dispatcher started and the backlog drained to the
 * {@link LoopbackReceiver} (deliveries/s from start to the last receipt). Last, on the history
 * database with a backlog of {@code pending}: for each purge variant ({@link HistoryPurge}) and
 * repeat, timed claims without a purge, then the same claims while {@code purge} of the oldest
 * rows are purged.
 */
public final class ScaleRun {

    /** One round on one database. */
    record Round(String database, int round, long historyRows, double publishSeconds, long[] claimNanos,
            double drainPerSecond, int duplicates, String load) {
    }

    /** One purge, with the claims just before it and during it. */
    record Purge(String variant, int round, long historyBefore, long purged, double seconds, long[] claimsBefore,
            long[] claimsDuring, String load) {
    }

    /** Everything measured on one store kind. */
    record StoreResult(StoreSetup.Kind kind, String settings, long history, double loadSeconds, DiskUse disk,
            String explain, List<Round> rounds, List<Purge> purges) {
    }

    static final String EMPTY = "empty";
    static final String HISTORY = "history";

    private final RunOptions opts;
    private final PrintStream out;
    private final long history;
    private final int pending;
    private final long purgeRows;
    private final int repeats;
    private final int purgeRepeats;
    private final int claims;
    private final int concurrency;
    private final LoadEvents events;
    private final Clock clock = Clock.systemUTC();

    ScaleRun(RunOptions opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        this.history = opts.intOpt("history", 10_000_000);
        this.pending = opts.intOpt("pending", 100_000);
        this.purgeRows = opts.intOpt("purge", 1_000_000);
        this.repeats = opts.intOpt("repeats", 3);
        this.purgeRepeats = opts.intOpt("purge-repeats", 1);
        this.claims = opts.intOpt("claims", 300);
        this.concurrency = opts.intOpt("concurrency", 64);
        this.events = new LoadEvents(opts.intOpt("padding", LoadEvents.DEFAULT_PADDING));
        int purges = opts.listOpt("purge-variants", "retention").size() * purgeRepeats;
        if (purgeRows * purges > history) {
            throw new IllegalArgumentException("--purge " + purgeRows + " x " + purges + " purges is more than --history "
                    + history);
        }
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        String file = opts.opt("out", "");
        try (OutputStream copy = file.isEmpty() ? OutputStream.nullOutputStream() : Files.newOutputStream(Path.of(file));
                PrintStream out = new PrintStream(new Tee(System.out, copy), true, StandardCharsets.UTF_8)) {
            new ScaleRun(opts, out).run();
        }
        System.exit(0); // embedded PostgreSQL and OkHttp leave non-daemon threads behind
    }

    List<StoreResult> run() throws Exception {
        out.printf(Locale.ROOT, "ScaleRun history=%,d pending=%,d purge=%,d repeats=%d purge-repeats=%d claims=%d"
                + " concurrency=%d, JVM %s, %d CPUs, max heap %d MB, load average %s%n", history, pending, purgeRows,
                repeats, purgeRepeats, claims, concurrency, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, DiskUse.loadAverage());
        List<StoreResult> results = new ArrayList<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver(opts.intOpt("receiver-threads", 8), 0)) {
            for (String s : opts.listOpt("stores", "pg-durable,h2")) {
                results.add(store(StoreSetup.Kind.parse(s), receiver));
            }
        }
        new ScaleReport(out, history, pending, purgeRows, claims).print(results);
        return results;
    }

    private StoreResult store(StoreSetup.Kind kind, LoopbackReceiver receiver) throws Exception {
        try (FreshDatabases dbs = FreshDatabases.open(kind, opts.intOpt("pool", StoreSetup.POOL_SIZE));
                FreshDatabases.Database full = dbs.fresh();
                FreshDatabases.Database empty = dbs.fresh()) {
            out.printf(Locale.ROOT, "%n== %s: %s%n", kind.label, dbs.settings());
            JdbcDeliveryStore fullStore = JdbcDeliveryStore.builder(full.dataSource()).initializeSchema(true).build();
            JdbcDeliveryStore emptyStore = JdbcDeliveryStore.builder(empty.dataSource()).initializeSchema(true).build();
            byte[] payload = new JacksonPayloadSerializer().serialize(events.next());
            HistoryLoader loader = new HistoryLoader(full.dataSource(), history,
                    Duration.ofMillis(opts.intOpt("spacing-ms", 250)), payload, clock.instant());
            double loadSeconds = load(loader);
            check(fullStore, loader);
            settle(full, loader.dialect());
            DiskUse disk = DiskUse.measure(full, loader.dialect(), history);
            out.println("disk after loading: " + disk);
            List<Round> rounds = new ArrayList<>();
            String explain = "";
            long historyRows = history;
            for (int r = 1; r <= repeats; r++) {
                rounds.add(round(EMPTY, r, 0, emptyStore, receiver));
                if (r == 1) {
                    explain = publishAndExplain(fullStore, full, loader.dialect());
                }
                rounds.add(round(HISTORY, r, historyRows, fullStore, receiver));
                historyRows += pending; // the drained backlog joins the history
            }
            List<Purge> purges = purges(fullStore, full, loader, historyRows, receiver);
            return new StoreResult(kind, dbs.settings(), history, loadSeconds, disk, explain, rounds, purges);
        }
    }

    private double load(HistoryLoader loader) throws SQLException {
        int chunk = opts.intOpt("chunk", 100_000);
        long t0 = System.nanoTime();
        long reportEvery = Math.max(chunk, history / 10);
        for (long from = 0; from < history; from += chunk) {
            long to = Math.min(history, from + chunk);
            loader.load(from, to);
            if (to % reportEvery == 0 || to == history) {
                double s = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "loaded %,d of %,d history rows in %.0f s (%.0f/s), load average %s%n", to, history,
                        s, to / s, DiskUse.loadAverage());
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The store reads the bulk-loaded rows as its own: the oldest and the newest, with message and attempt. */
    private void check(JdbcDeliveryStore store, HistoryLoader loader) {
        for (long i : new long[] {0, history - 1}) {
            String id = loader.deliveryId(i);
            Delivery d = store.find(id).orElseThrow(() -> new IllegalStateException("history row " + id + " not found"));
            if (d.status() != DeliveryStatus.SUCCEEDED || store.attempts(id).size() != 1
                    || store.message(d.messageId()).isEmpty()) {
                throw new IllegalStateException("history row " + id + " does not read back as loaded: " + d);
            }
        }
        out.printf(Locale.ROOT, "checked: the store reads history rows %s and %s (SUCCEEDED, 1 attempt, message)%n",
                loader.deliveryId(0), loader.deliveryId(history - 1));
    }

    /**
     * After the bulk load, what a database left alone for a while would have done by itself:
     * PostgreSQL's autovacuum would vacuum and analyse the fresh tables (so run it now rather than
     * in the middle of a measurement); H2 writes its pending pages.
     */
    private void settle(FreshDatabases.Database db, HistoryLoader.Dialect dialect) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (dialect == HistoryLoader.Dialect.POSTGRESQL) {
                for (String t : DiskUse.TABLES) {
                    s.execute("VACUUM (ANALYZE) " + t);
                }
            } else {
                s.execute("CHECKPOINT");
            }
        }
        out.printf(Locale.ROOT, "%s in %.0f s%n", dialect == HistoryLoader.Dialect.POSTGRESQL ? "VACUUM (ANALYZE)"
                : "CHECKPOINT", (System.nanoTime() - t0) / 1e9);
    }

    private Webhooks webhooks(JdbcDeliveryStore store, LoopbackReceiver receiver) {
        return CactusWebhooks.builder(store, receiver.url(), concurrency, concurrency)
                .shutdownTimeout(Duration.ofSeconds(5)).build();
    }

    /** Publishes {@code pending} events with the dispatcher stopped; returns the seconds it took. */
    private double publish(Webhooks webhooks) {
        long t0 = System.nanoTime();
        int batch = 1000;
        for (int done = 0; done < pending; done += batch) {
            List<WebhookEvent> list = new ArrayList<>(batch);
            for (int i = done; i < Math.min(pending, done + batch); i++) {
                list.add(events.next());
            }
            webhooks.publisher().publishAll(list);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private Round round(String database, int r, long historyRows, JdbcDeliveryStore store, LoopbackReceiver receiver) {
        try (Webhooks webhooks = webhooks(store, receiver)) {
            double publishSeconds = database.equals(HISTORY) && r == 1 ? Double.NaN : publish(webhooks);
            long[] nanos = new ClaimProbe(store, clock, "scale-probe").times(Math.min(20, claims), claims);
            receiver.reset(id -> { });
            long t0 = System.nanoTime();
            webhooks.start();
            Awaitility.await().atMost(Duration.ofSeconds(opts.intOpt("drain-timeout-s", 900)))
                    .pollInterval(Duration.ofMillis(10)).until(() -> receiver.received() >= pending);
            double rate = pending / ((receiver.lastReceipt() - t0) / 1e9);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> webhooks.inFlight() == 0 && webhooks.reader().backlog().pending() == 0);
            Round round = new Round(database, r, historyRows, publishSeconds, nanos, rate, receiver.duplicates(),
                    DiskUse.loadAverage());
            out.printf(Locale.ROOT, "round %d %-7s (history %,d): publish %s; claim p50 %.2f ms p99 %.2f ms max %.2f ms"
                    + " (%d claims of %d); drain %,.0f deliveries/s, %d duplicates; load average %s%n", r, database,
                    historyRows, Double.isNaN(publishSeconds) ? "before the EXPLAIN" : String.format(Locale.ROOT,
                    "%.1f s", publishSeconds), Stats.ms(Stats.pct(nanos, 50)), Stats.ms(Stats.pct(nanos, 99)),
                    Stats.ms(Stats.pct(nanos, 100)), nanos.length, ClaimProbe.DISPATCHER_BATCH, rate,
                    receiver.duplicates(), round.load());
            return round;
        }
    }

    /** Publishes the first history round's backlog, then shows the claim's plan over it. */
    private String publishAndExplain(JdbcDeliveryStore store, FreshDatabases.Database db,
            HistoryLoader.Dialect dialect) throws SQLException {
        try (Webhooks webhooks = CactusWebhooks.builder(store, "http://127.0.0.1:9/hook", concurrency, concurrency)
                .build()) {
            double s = publish(webhooks);
            out.printf(Locale.ROOT, "published %,d pending into the history database in %.1f s%n", pending, s);
        }
        String plan = ClaimPlan.explain(db.dataSource(), dialect, clock.instant());
        out.println("claim plan with the history and the backlog:");
        out.println(plan);
        return plan;
    }

    private List<Purge> purges(JdbcDeliveryStore store, FreshDatabases.Database db, HistoryLoader loader,
            long historyRows, LoopbackReceiver receiver) throws Exception {
        List<Purge> result = new ArrayList<>();
        List<String> variants = opts.listOpt("purge-variants", "retention");
        if (variants.isEmpty() || purgeRows == 0) {
            return result;
        }
        long purgedSoFar = 0;
        long rows = historyRows;
        ExecutorService purger = Executors.newSingleThreadExecutor(r -> new Thread(r, "purge"));
        try (Webhooks webhooks = webhooks(store, receiver)) {
            publish(webhooks); // the backlog the claims work on (the dispatcher stays stopped)
            for (int r = 1; r <= purgeRepeats; r++) {
                for (String v : variants) {
                    HistoryPurge purge = HistoryPurge.named(v, webhooks, store, opts.intOpt("purge-batch", 5000), clock);
                    Instant before = loader.finishedBefore(purgedSoFar + purgeRows);
                    Purge p = purge(purge, r, rows, before, store, purger);
                    result.add(p);
                    purgedSoFar += p.purged();
                    rows -= p.purged();
                }
            }
        } finally {
            purger.shutdownNow();
        }
        return result;
    }

    private Purge purge(HistoryPurge purge, int r, long rows, Instant before, JdbcDeliveryStore store,
            ExecutorService purger) throws Exception {
        ClaimProbe probe = new ClaimProbe(store, clock, "scale-probe");
        long[] without = probe.times(Math.min(20, claims), claims);
        long t0 = System.nanoTime();
        Future<Long> running = purger.submit(() -> purge.purge(before));
        long[] during = probe.until(running::isDone);
        long purged = running.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (purged != purgeRows) {
            out.printf(Locale.ROOT, "WARNING: the purge deleted %,d deliveries, expected %,d%n", purged, purgeRows);
        }
        Purge p = new Purge(purge.label(), r, rows, purged, seconds, without, during, DiskUse.loadAverage());
        out.printf(Locale.ROOT, "purge %d %s: %,d of %,d in %.1f s (%,.0f/s); claims without p50 %.2f p99 %.2f ms (%d),"
                + " during p50 %.2f p99 %.2f max %.2f ms (%d); load average %s%n", r, purge.label(), purged, rows,
                seconds, purged / seconds, Stats.ms(Stats.pct(without, 50)), Stats.ms(Stats.pct(without, 99)),
                without.length, during.length == 0 ? 0 : Stats.ms(Stats.pct(during, 50)),
                during.length == 0 ? 0 : Stats.ms(Stats.pct(during, 99)),
                during.length == 0 ? 0 : Stats.ms(Stats.pct(during, 100)), during.length, p.load());
        return p;
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            b.close(); // System.out stays open
        }
    }
}
