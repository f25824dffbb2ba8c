package io.cactus.webhooks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The disk the delivery store's tables take: on PostgreSQL {@code pg_total_relation_size} of each
 * table (heap, TOAST and indexes) and {@code pg_database_size}; on H2 the size of the database's
 * files. {@code perMillion} divides the total by the deliveries loaded.
 */
record DiskUse(Map<String, Long> tableBytes, long totalBytes, long deliveries) {

    static final String[] TABLES = {"cactus_webhook_messages", "cactus_webhook_deliveries", "cactus_webhook_attempts",
        "cactus_webhook_endpoint_health"};

    static DiskUse measure(FreshDatabases.Database db, HistoryLoader.Dialect dialect, long deliveries)
            throws SQLException, IOException {
        Map<String, Long> tables = new LinkedHashMap<>();
        if (dialect == HistoryLoader.Dialect.POSTGRESQL) {
            try (Connection c = db.dataSource().getConnection()) {
                long sum = 0;
                for (String t : TABLES) {
                    long bytes = single(c, "SELECT pg_total_relation_size('" + t + "')");
                    tables.put(t, bytes);
                    sum += bytes;
                }
                tables.put("(whole database, pg_database_size)", single(c, "SELECT pg_database_size(current_database())"));
                return new DiskUse(tables, sum, deliveries);
            }
        }
        Path dir = db.directory().orElseThrow();
        long sum = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                long bytes = Files.size(p);
                tables.put(p.getFileName().toString(), bytes);
                sum += bytes;
            }
        }
        return new DiskUse(tables, sum, deliveries);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Bytes per million deliveries (with their messages and attempts). */
    double perMillion() {
        return deliveries == 0 ? 0 : totalBytes * 1e6 / deliveries;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s total for %,d deliveries, %s per million",
                mib(totalBytes), deliveries, mib((long) perMillion())));
        tableBytes.forEach((k, v) -> sb.append("; ").append(k).append(' ').append(mib(v)));
        return sb.toString();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }

    /** The first three fields of /proc/loadavg, or "?" where it is missing. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
