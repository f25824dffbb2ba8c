package io.cactus.webhooks.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Disk per delivery, for sizing retention: publishes {@code --deliveries} events (default
 * 1,000,000; one endpoint, so one message, one delivery and, once recorded, one attempt each) into
 * a real {@link JdbcDeliveryStore}, claims and records every one as succeeded (a 200 with a short
 * response excerpt; bodies of about 1 KiB, random text so that no compression flatters them), and
 * reports the bytes on disk: the H2 file, and PostgreSQL's
 * {@code pg_total_relation_size} of each table (indexes and TOAST included). Then it expunges every
 * payload through the store and reports the size again after compaction (H2 {@code SHUTDOWN
 * COMPACT}, PostgreSQL {@code VACUUM FULL}): what the metadata alone costs. H2's file is also
 * reported compacted before the expunge: as written it holds the free space of every update.
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.RetentionDiskRun \
 *     [--deliveries 1000000] [--batch 5000] [--padding 880] [--store h2|pg|both]
 * </pre>
 */
public final class RetentionDiskRun {

    private static final List<String> TABLES = List.of("cactus_webhook_messages", "cactus_webhook_deliveries",
            "cactus_webhook_attempts");

    private RetentionDiskRun() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        int deliveries = opts.intOpt("deliveries", 1_000_000);
        int batch = opts.intOpt("batch", 5000);
        String which = opts.opt("store", "both");
        int padding = opts.intOpt("padding", LoadEvents.DEFAULT_PADDING);
        Supplier<WebhookEvent> load = () -> event(padding);
        System.out.printf(Locale.ROOT, "deliveries=%,d batch=%d, one endpoint, %d random characters of padding"
                + " (bodies of about %d bytes), JVM %s%n", deliveries, batch, padding, padding + 177, Runtime.version());
        if (!which.equals("pg")) {
            h2(deliveries, batch, load);
        }
        if (!which.equals("h2")) {
            postgres(deliveries, batch, load);
        }
    }

    private static void h2(int deliveries, int batch, Supplier<WebhookEvent> load) throws Exception {
        Path dir = Files.createTempDirectory("cactus-disk-h2");
        Path file = dir.resolve("webhooks");
        try {
            try (HikariDataSource pool = StoreSetup.h2Pool(file)) {
                fill(pool, deliveries, batch, load);
            }
            report("H2 file as written", deliveries, Map.of("all files", folderBytes(dir)));
            compact(file);
            report("H2 file after SHUTDOWN COMPACT", deliveries, Map.of("all files", folderBytes(dir)));
            try (HikariDataSource pool = StoreSetup.h2Pool(file)) {
                expungeAll(JdbcDeliveryStore.builder(pool).build(), batch);
            }
            compact(file);
            report("H2 file, payloads expunged, SHUTDOWN COMPACT", deliveries, Map.of("all files", folderBytes(dir)));
        } finally {
            StoreSetup.deleteTree(dir);
        }
    }

    /** H2 rewrites its file without the free space only at a compacting shutdown. */
    private static void compact(Path file) throws Exception {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file);
        h2.setUser("sa");
        h2.setPassword("");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
    }

    private static void postgres(int deliveries, int batch, Supplier<WebhookEvent> load) throws Exception {
        Path dir = Files.createTempDirectory("cactus-disk-pg");
        try (EmbeddedPostgres pg = StoreSetup.startPostgres(dir.resolve("pgdata"), true)) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE disk");
            }
            try (HikariDataSource pool = StoreSetup.pool(pg.getDatabase("postgres", "disk"), "disk", 8)) {
                JdbcDeliveryStore store = fill(pool, deliveries, batch, load);
                vacuum(pool, "VACUUM ANALYZE");
                report("PostgreSQL (fsync on)", deliveries, pgSizes(pool));
                expungeAll(store, batch);
                vacuum(pool, "VACUUM FULL");
                report("PostgreSQL, payloads expunged, VACUUM FULL", deliveries, pgSizes(pool));
            }
        } finally {
            StoreSetup.deleteTree(dir);
        }
    }

    /** Publishes, claims and records every delivery through the store, as the dispatcher would. */
    private static JdbcDeliveryStore fill(DataSource ds, int deliveries, int batch, Supplier<WebhookEvent> load) {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(ds).initializeSchema(true).build();
        Webhooks webhooks = CactusWebhooks.builder(store, "http://127.0.0.1:9/hook", 1, 1).build(); // never started
        long t0 = System.nanoTime();
        for (int done = 0; done < deliveries; done += batch) {
            List<WebhookEvent> events = new ArrayList<>(batch);
            for (int i = done; i < Math.min(deliveries, done + batch); i++) {
                events.add(load.get());
            }
            webhooks.publisher().publishAll(events);
            Instant now = Instant.now();
            List<ClaimedDelivery> claims = store.claim(new ClaimRequest("disk-run", batch, now, now.plusSeconds(60),
                    Set.of()));
            List<AttemptRecord> records = new ArrayList<>(claims.size());
            for (ClaimedDelivery c : claims) {
                records.add(new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), now,
                        AttemptOutcome.response(200, null, "{\"ok\":true}", Duration.ofMillis(12))),
                        DeliveryStatus.SUCCEEDED, null));
            }
            store.record(records);
        }
        System.out.printf(Locale.ROOT, "  published, claimed and recorded %,d in %.0f s%n", deliveries,
                (System.nanoTime() - t0) / 1e9);
        webhooks.close();
        return store;
    }

    /**
     * The load runs' {@code client.created} event, its notes random letters and digits instead of
     * one repeated letter: H2 compresses what it compacts, and a repeated letter would take no room.
     */
    private static WebhookEvent event(int padding) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        char[] notes = new char[padding];
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < padding; i++) {
            notes[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", "cli_01HZX3K8Q9");
        client.put("name", "Cactus Load Test Client");
        client.put("email", "load@example.com");
        client.put("notes", new String(notes));
        return WebhookEvent.of(LoadEvents.TYPE, Map.of("client", client));
    }

    private static void expungeAll(JdbcDeliveryStore store, int batch) {
        Instant later = Instant.now().plusSeconds(1);
        long n = 0;
        int done;
        do {
            done = store.expungePayloads(later, Instant.now(), batch);
            n += done;
        } while (done == batch);
        System.out.printf(Locale.ROOT, "  expunged %,d payloads%n", n);
    }

    private static void report(String what, int deliveries, Map<String, Long> bytes) {
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "%s: %,d bytes for %,d deliveries = %.0f MB per million (%.0f bytes each)%n",
                what, total, deliveries, total * 1_000_000.0 / deliveries / (1 << 20), (double) total / deliveries);
        bytes.forEach((table, b) -> System.out.printf(Locale.ROOT, "    %-28s %,14d bytes  %6.0f MB per million%n",
                table, b, b * 1_000_000.0 / deliveries / (1 << 20)));
    }

    private static Map<String, Long> pgSizes(DataSource ds) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
                    rs.next();
                    sizes.put(table, rs.getLong(1));
                }
            }
        }
        return sizes;
    }

    private static void vacuum(DataSource ds, String command) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String table : TABLES) {
                s.execute(command + " " + table);
            }
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
