package io.cactus.webhooks.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the dashboard's online backup (H2 {@code BACKUP TO}, issue 16) costs: on an H2 file holding
 * {@code --history} finished deliveries (message, delivery, attempt; bodies of about 1 KiB of random
 * text), the time and size of one backup, and how much a writer committing one small row at a time
 * ({@code WRITE_DELAY=0}, as the example app runs) slows while a backup runs: the writer's commits
 * per second over the length of a backup, with and without one, side by side, {@code --rounds}
 * times, medians reported.
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.BackupRun \
 *     [--history 200000] [--rounds 5]
 * </pre>
 */
public final class BackupRun {

    private BackupRun() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        int history = opts.intOpt("history", 200_000);
        int rounds = opts.intOpt("rounds", 5);
        Path root = Files.createTempDirectory("cactus-backup-run");
        Path file = root.resolve("cactus");
        try (HikariDataSource pool = StoreSetup.h2Pool(file, ";WRITE_DELAY=0", 4)) {
            JdbcDeliveryStore.builder(pool).initializeSchema(true).build();
            byte[] payload = new byte[1024];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) ThreadLocalRandom.current().nextInt('a', 'z' + 1); // random: no compression flatters it
            }
            HistoryLoader loader = new HistoryLoader(pool, history, Duration.ofMillis(10), payload, Instant.now());
            long t0 = System.nanoTime();
            for (long from = 0; from < history; from += 20_000) {
                loader.load(from, Math.min(history, from + 20_000));
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE writer (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(64))");
            }
            System.out.printf("history: %,d finished deliveries loaded in %.1f s; H2 file %.1f MiB (WRITE_DELAY=0)%n",
                    history, (System.nanoTime() - t0) / 1e9, Files.size(root.resolve("cactus.mv.db")) / 1048576.0);
            System.out.printf("load average at start: %s%n", loadAverage());

            List<Double> backupMillis = new ArrayList<>();
            List<Double> zipMiB = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Path zip = root.resolve("backup-" + round + ".zip");
                AtomicLong commits = new AtomicLong();
                AtomicBoolean stop = new AtomicBoolean();
                Thread writer = writer(pool, commits, stop);
                writer.start();
                // warm the writer, then measure it alone for as long as the last backup took (1 s the first time)
                LockSupport.parkNanos(500_000_000L);
                long window = backupMillis.isEmpty() ? 1_000_000_000L : (long) (backupMillis.get(backupMillis.size() - 1) * 1e6);
                long c0 = commits.get();
                long s0 = System.nanoTime();
                for (long left = window; left > 0; left = window - (System.nanoTime() - s0)) {
                    LockSupport.parkNanos(left); // a measuring window, not a wait for a condition
                }
                double alone = (commits.get() - c0) / ((System.nanoTime() - s0) / 1e9);
                long c1 = commits.get();
                long b0 = System.nanoTime();
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("BACKUP TO '" + zip + "'");
                }
                double took = (System.nanoTime() - b0) / 1e6;
                double during = (commits.get() - c1) / (took / 1e3);
                stop.set(true);
                writer.join();
                backupMillis.add(took);
                zipMiB.add(Files.size(zip) / 1048576.0);
                ratio.add(during / alone);
                System.out.printf("round %d: backup %.0f ms, zip %.1f MiB; writer alone %.0f commits/s, during the backup"
                        + " %.0f commits/s (%.2fx); load %s%n", round, took, Files.size(zip) / 1048576.0, alone, during,
                        during / alone, loadAverage());
                Files.delete(zip);
            }
            System.out.printf("median of %d: backup %.0f ms, zip %.1f MiB, writer during a backup %.2fx its rate alone%n",
                    rounds, median(backupMillis), median(zipMiB), median(ratio));
        } finally {
            StoreSetup.deleteTree(root);
        }
    }

    private static Thread writer(HikariDataSource pool, AtomicLong commits, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO writer (note) VALUES (?)")) {
                while (!stop.get()) {
                    ps.setString(1, "row " + commits.get());
                    ps.executeUpdate(); // autocommit: one commit per row
                    commits.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "writer");
        t.setDaemon(true);
        return t;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
