package io.cactus.webhooks.benchmarks;

import static io.cactus.webhooks.benchmarks.Stats.ms;
import static io.cactus.webhooks.benchmarks.Stats.pct;

import io.cactus.webhooks.json.JacksonPayloadSerializer;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.WebhookEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * Cactus beside its Java peers, in one JVM and one run, against the same loopback receiver: raw
 * OkHttp (the limit), Spring Modulith's JDBC event publication registry, gruelbox
 * transaction-outbox and Cactus's JDBC store, each on a fresh database of each store.
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.PeerLoadRun \
 *     [--n 20000] [--concurrency 16] [--publishers 4] [--rounds 3] [--warmup 5000] [--idle 200] \
 *     [--drain 100000] [--stores h2,h2-durable,pg-durable] [--variants raw,modulith,outbox,cactus] \
 *     [--drain-variants raw,modulith,outbox,cactus] [--h2-durable-drain-variants raw,cactus] \
 *     [--drain-timeout-s 240] [--pool 24] [--batch-size 100] [--fill-batch 1000] [--receiver-threads 8]
 * </pre>
 *
 * <p>Quick run: {@code --n 2000 --drain 5000 --rounds 1}. Per store: one warm-up run per variant
 * (not reported), then {@code rounds} rounds of the load mode, interleaved (raw, Modulith, outbox,
 * Cactus, raw, ...), then idle latency and the drain once per variant (in {@code h2-durable} by
 * default only raw and Cactus drain). A load round fails the run unless every one of the N ids
 * arrives; a drain that exceeds {@code --drain-timeout-s} is reported as a lower bound.
 */
public final class PeerLoadRun {

    private final RunOptions opts;
    private final int n;
    private final int concurrency;
    private final int publishers;
    private final int rounds;
    private final int warmup;
    private final int idleCount;
    private final int drain;
    private final int fillBatch;
    private final int poolSize;
    private final int batchSize;
    private final Duration drainTimeout;
    private final List<Peer> variants;
    private final List<Peer> drainVariants;
    private final List<Peer> h2DurableDrainVariants;
    private final LoadEvents events;
    private final LoadDriver driver;
    private final PeerReport report = new PeerReport();
    private LoopbackReceiver receiver;

    private PeerLoadRun(RunOptions opts) {
        this.opts = opts;
        this.n = opts.intOpt("n", 20_000);
        this.concurrency = opts.intOpt("concurrency", 16);
        this.publishers = opts.intOpt("publishers", 4);
        this.rounds = opts.intOpt("rounds", 3);
        this.warmup = opts.intOpt("warmup", Math.min(5_000, n));
        this.idleCount = opts.intOpt("idle", 200);
        this.drain = opts.intOpt("drain", 100_000);
        this.fillBatch = opts.intOpt("fill-batch", 1_000);
        // Every variant gets the same pool: enough for C listeners or workers that each hold a
        // connection while they POST, plus the publishers.
        this.poolSize = opts.intOpt("pool", concurrency + publishers + 4);
        this.batchSize = opts.intOpt("batch-size", 100);
        this.drainTimeout = Duration.ofSeconds(opts.intOpt("drain-timeout-s", 240));
        this.variants = opts.listOpt("variants", "raw,modulith,outbox,cactus").stream().map(Peer::parse).toList();
        this.drainVariants = opts.listOpt("drain-variants", "raw,modulith,outbox,cactus").stream().map(Peer::parse)
                .filter(variants::contains).toList();
        // The peers' drains on H2 with WRITE_DELAY=0 would add about 7 minutes to the default run.
        this.h2DurableDrainVariants = opts.listOpt("h2-durable-drain-variants", "raw,cactus").stream()
                .map(Peer::parse).filter(drainVariants::contains).toList();
        this.events = new LoadEvents(opts.intOpt("padding", LoadEvents.DEFAULT_PADDING));
        this.driver = new LoadDriver(publishers, 1, 0, Duration.ofSeconds(opts.intOpt("load-timeout-s", 600)));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate Validator (the outbox's) to slf4j-nop
        try {
            new PeerLoadRun(RunOptions.parse(args)).run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // embedded PostgreSQL's threads would keep the JVM alive
        }
    }

    private void run() throws Exception {
        List<StoreSetup.Kind> stores = opts.listOpt("stores", "h2,h2-durable,pg-durable").stream()
                .map(StoreSetup.Kind::parse).toList();
        String start = loadAverage();
        long t0 = System.nanoTime();
        StringBuilder header = new StringBuilder(header(stores));
        for (Peer peer : variants) {
            header.append(System.lineSeparator()).append("- ").append(peer.label).append(": ").append(peer.description);
        }
        System.out.println(header);
        System.out.println("load average at start: " + start);
        try (LoopbackReceiver r = new LoopbackReceiver(opts.intOpt("receiver-threads", 8), 0)) {
            this.receiver = r;
            for (StoreSetup.Kind kind : stores) {
                runStore(kind);
            }
        }
        report.print(header.toString());
        System.out.printf(Locale.ROOT, "%nload average at start: %s; at end: %s; wall time %.1f min%n", start,
                loadAverage(), (System.nanoTime() - t0) / 60e9);
        System.exit(0); // embedded PostgreSQL and OkHttp leave non-daemon threads behind
    }

    private String header(List<StoreSetup.Kind> stores) {
        int body = new JacksonPayloadSerializer().serialize(events.next()).length;
        return String.format(Locale.ROOT, "# PeerLoadRun: N=%d, concurrency C=%d, %d publishers (one event per"
                + " transaction, no window), %d-byte JSON bodies, rounds=%d, warm-up %d per variant and store,"
                + " idle %d, drain %d (fill in transactions of %d), pool %d per variant, stores %s, variants %s%n"
                + "machine: %d CPUs (availableProcessors), JVM %s %s, max heap %d MB",
                n, concurrency, publishers, body, rounds, warmup, idleCount, drain, fillBatch, poolSize, stores,
                variants, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private void runStore(StoreSetup.Kind kind) throws Exception {
        try (FreshDatabases dbs = FreshDatabases.open(kind, poolSize)) {
            String store = kind.label;
            report.settings(store, dbs.settings());
            System.out.printf(Locale.ROOT, "%n== %s: %s (load average %s)%n", store, dbs.settings(), loadAverage());
            for (Peer peer : variants) {
                load(dbs, peer, warmup, 0);
            }
            for (int round = 1; round <= rounds; round++) {
                for (Peer peer : variants) {
                    report.add(store, load(dbs, peer, n, round));
                }
            }
            if (idleCount > 0) {
                for (Peer peer : variants) {
                    report.add(store, idle(dbs, peer));
                }
            }
            if (drain > 0) {
                List<Peer> draining = kind == StoreSetup.Kind.H2_DURABLE ? h2DurableDrainVariants : drainVariants;
                for (Peer peer : drainVariants) {
                    report.add(store, draining.contains(peer) ? drain(dbs, peer)
                            : new PeerReport.Drain(peer, drain, 0, 0, 0, "skipped in this store (add it with"
                                    + " --h2-durable-drain-variants raw,modulith,outbox,cactus)"));
                }
            }
        }
    }

    // ---- load --------------------------------------------------------------------------------------

    /** Round 0 is the warm-up: measured the same way, not reported. */
    private PeerReport.Load load(FreshDatabases dbs, Peer peer, int count, int round) throws Exception {
        String name = (round == 0 ? "warm-up " : "round " + round + " ") + peer.label;
        if (peer == Peer.RAW) {
            try (RawOkHttpPeer raw = new RawOkHttpPeer(receiver.url(), concurrency)) {
                PeerReport.Load r = measure(raw, peer, count, round, name, null);
                if (raw.failures() > 0) {
                    throw new IllegalStateException(name + ": " + raw.failures() + " requests failed");
                }
                return r;
            }
        }
        try (FreshDatabases.Database db = dbs.fresh()) {
            return measure(open(peer, dbs, db), peer, count, round, name, dbs.isPostgres() ? db : null);
        }
    }

    private PeerVariant open(Peer peer, FreshDatabases dbs, FreshDatabases.Database db) {
        return switch (peer) {
            case RAW -> throw new IllegalArgumentException("raw OkHttp has no database");
            case MODULITH -> ModulithPeer.running(db.dataSource(), receiver.url(), concurrency);
            case OUTBOX -> OutboxPeer.running(db.dataSource(), dbs.isPostgres(), receiver.url(), concurrency);
            // Started by measure(), after the counters are read: its dispatcher polls when idle.
            case CACTUS -> CactusPeer.pending(db.dataSource(), receiver.url(), concurrency, batchSize);
        };
    }

    /** Runs {@code count} events through the variant and closes it; {@code db} only for PostgreSQL counters. */
    private PeerReport.Load measure(PeerVariant variant, Peer peer, int count, int round, String name,
            FreshDatabases.Database db) throws Exception {
        FreshDatabases.PgCounters before = null;
        LoadDriver.Run run;
        CpuUse cpu;
        try (variant) {
            if (db != null) {
                before = db.settledCounters();
            }
            variant.start();
            CpuUse cpuBefore = CpuUse.now();
            run = driver.run(receiver, e -> variant.publish(e.get(0)), events, count, name);
            awaitSettled(variant, name);
            cpu = CpuUse.now().minus(cpuBefore);
        }
        FreshDatabases.PgCounters counters = null;
        if (db != null) {
            db.closePool(); // the backends exit and send their last statistics
            counters = db.awaitStableCounters().minus(before);
        }
        PeerReport.Load r = new PeerReport.Load(peer, round, run.publishRate(), count / run.seconds(),
                ms(pct(run.latencyNanos(), 50)), ms(pct(run.latencyNanos(), 99)), run.duplicates(),
                cpu.processNanos() / 1e3 / count, counters, count);
        System.out.printf(Locale.ROOT, "%-50s publish %7.0f/s  e2e %7.0f/s  p50 %8.2f ms  p99 %8.2f ms  %d dup"
                + "  CPU %4.0f us/event  %d conns%s%n", name, r.publishRate(), r.e2e(), r.p50Ms(), r.p99Ms(),
                r.duplicates(), r.cpuMicrosPerEvent(), receiver.connections(), counters == null ? ""
                : String.format(Locale.ROOT, "  per event: %.2f commits, %.2f ins, %.2f upd, %.2f del",
                        (double) counters.commits() / count, (double) counters.inserted() / count,
                        (double) counters.updated() / count, (double) counters.deleted() / count));
        return r;
    }

    private static void awaitSettled(PeerVariant variant, String name) {
        Awaitility.await(name + " settles").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(2))
                .until(variant::settled);
    }

    // ---- idle ----------------------------------------------------------------------------------------

    private PeerReport.Idle idle(FreshDatabases dbs, Peer peer) throws Exception {
        String name = "idle " + peer.label;
        LoadDriver.Idle idle;
        if (peer == Peer.RAW) {
            try (RawOkHttpPeer raw = new RawOkHttpPeer(receiver.url(), concurrency)) {
                idle = idleLoop(raw, name);
            }
        } else {
            try (FreshDatabases.Database db = dbs.fresh(); PeerVariant variant = open(peer, dbs, db)) {
                variant.start();
                idle = idleLoop(variant, name);
            }
        }
        PeerReport.Idle r = new PeerReport.Idle(peer, ms(pct(idle.latencyNanos(), 50)),
                ms(pct(idle.latencyNanos(), 99)), ms(pct(idle.latencyNanos(), 100)));
        System.out.printf(Locale.ROOT, "%-50s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", name, r.p50Ms(), r.p99Ms(),
                r.maxMs());
        return r;
    }

    /** Each event: publish, wait for its receipt, wait until the variant has recorded it; no pause. */
    private LoadDriver.Idle idleLoop(PeerVariant variant, String name) throws Exception {
        return LoadDriver.idle(receiver, e -> variant.publish(e.get(0)), events, idleCount,
                Math.max(20, idleCount / 10), () -> awaitSettled(variant, name), Duration.ZERO);
    }

    // ---- drain ---------------------------------------------------------------------------------------

    private PeerReport.Drain drain(FreshDatabases dbs, Peer peer) throws Exception {
        String name = "drain " + peer.label;
        if (peer == Peer.RAW) {
            // Nothing to store: raw OkHttp sends the same count with at most C in flight.
            try (RawOkHttpPeer raw = new RawOkHttpPeer(receiver.url(), concurrency)) {
                LoadDriver.Run run = driver.run(receiver, e -> raw.publish(e.get(0)), events, drain, name);
                awaitSettled(raw, name);
                return printed(name, new PeerReport.Drain(peer, drain, drain, run.seconds(), run.duplicates(), null));
            }
        }
        PeerReport.Drain result;
        try (FreshDatabases.Database db = dbs.fresh(); PeerVariant.Pending pending = openPending(peer, dbs, db)) {
            CountDownLatch done = new CountDownLatch(drain);
            receiver.reset(id -> done.countDown());
            long fillStart = System.nanoTime();
            for (int stored = 0; stored < drain; stored += fillBatch) {
                List<WebhookEvent> batch = new ArrayList<>(fillBatch);
                for (int i = stored; i < Math.min(drain, stored + fillBatch); i++) {
                    batch.add(events.next());
                }
                pending.store(batch);
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            pending.prepare();
            if (receiver.received() > 0) {
                throw new IllegalStateException(name + ": " + receiver.received() + " sent before the start");
            }
            long t0 = System.nanoTime();
            pending.drain(); // Modulith's resubmission and the outbox's flush loop run on this thread
            long left = drainTimeout.toNanos() - (System.nanoTime() - t0);
            boolean all = done.await(Math.max(0, left), TimeUnit.NANOSECONDS);
            long end = all ? receiver.lastReceipt() : System.nanoTime();
            int received = receiver.received();
            System.out.printf(Locale.ROOT, "  (%s: stored %d in %.1f s)%n", name, drain, fillSeconds);
            result = printed(name, new PeerReport.Drain(peer, drain, received, (end - t0) / 1e9, receiver.duplicates(),
                    all ? null : "timed out after " + drainTimeout.toSeconds() + " s"));
        }
        if (result.received() < result.pending()) {
            awaitReceiverQuiet(name);
        }
        return result;
    }

    /** The receiver counts any id: nothing of a stopped variant may still arrive during the next one. */
    private void awaitReceiverQuiet(String name) {
        AtomicLong lastCount = new AtomicLong(-1);
        AtomicLong quietSince = new AtomicLong(System.nanoTime());
        Awaitility.await(name + ": no more receipts after the stop").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    long count = receiver.received() + (long) receiver.duplicates();
                    if (count != lastCount.getAndSet(count)) {
                        quietSince.set(System.nanoTime());
                    }
                    return System.nanoTime() - quietSince.get() >= Duration.ofSeconds(2).toNanos();
                });
    }

    private PeerVariant.Pending openPending(Peer peer, FreshDatabases dbs, FreshDatabases.Database db) {
        return switch (peer) {
            case RAW -> throw new IllegalArgumentException("raw OkHttp has no store");
            case MODULITH -> ModulithPeer.pending(db.dataSource(), receiver.url(), concurrency);
            case OUTBOX -> OutboxPeer.pending(db.dataSource(), dbs.isPostgres(), receiver.url(), concurrency);
            case CACTUS -> CactusPeer.pending(db.dataSource(), receiver.url(), concurrency, batchSize);
        };
    }

    private static PeerReport.Drain printed(String name, PeerReport.Drain r) {
        System.out.printf(Locale.ROOT, "%-50s %d of %d in %.1f s: %.0f/s, %d dup%s%n", name, r.received(), r.pending(),
                r.seconds(), r.rate(), r.duplicates(), r.note() == null ? "" : " (" + r.note() + ")");
        return r;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
