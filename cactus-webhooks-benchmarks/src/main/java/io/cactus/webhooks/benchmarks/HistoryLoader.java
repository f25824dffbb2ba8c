package io.cactus.webhooks.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Bulk-loads finished history straight into the library's tables with {@code INSERT ... SELECT}
 * over a generated row range ({@code generate_series} on PostgreSQL, {@code SYSTEM_RANGE} on H2),
 * in chunks of one transaction each: going through {@code publish}, claim and record for ten
 * million rows would take hours. The tables must exist already (created by the library's own
 * migrator), so the rows land in exactly the schema the store reads.
 *
 * <p>Row {@code i} (0 = oldest) is one SUCCEEDED delivery to endpoint {@code load} with its message
 * and one attempt (HTTP 200): created at {@code start + i * spacing}, attempted 50 ms later,
 * finished 120 ms later, no due time (as the store leaves a finished delivery). The message and
 * delivery ids are {@code msg_} and {@code dlv_} with a ULID in the library's format (Crockford
 * base32, 10 characters of creation milliseconds, then 16 of which the last 5 encode {@code i}):
 * the store does not parse ids, but real ids are time-ordered, so the primary-key indexes fill the
 * way production fills them. Not thread-safe.
 */
final class HistoryLoader {

    /** The SQL differences: the row source and how milliseconds become a timestamp. */
    enum Dialect {
        POSTGRESQL("generate_series(?::bigint, ?::bigint) AS g(i)", "g.i"),
        H2("SYSTEM_RANGE(?, ?)", "X");

        private final String rows;
        private final String index;

        Dialect(String rows, String index) {
            this.rows = rows;
            this.index = index;
        }

        String timestamp(String millis) {
            return this == POSTGRESQL ? "to_timestamp((" + millis + ") / 1000.0)"
                    : "DATEADD(MILLISECOND, " + millis + ", TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z')";
        }

        static Dialect of(DataSource ds) throws SQLException {
            try (Connection c = ds.getConnection()) {
                String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
                return product.contains("postgres") ? POSTGRESQL : H2;
            }
        }
    }

    static final String ENDPOINT = "load";
    private static final String DIGITS = "'0123456789ABCDEFGHJKMNPQRSTVWXYZ'";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final long startMillis;
    private final long spacingMillis;
    private final byte[] payload;

    /**
     * @param history how many rows will be loaded; the newest is created one hour before {@code now}
     * @param spacing the time between two rows' creation
     * @param payload every message's body
     */
    HistoryLoader(DataSource dataSource, long history, Duration spacing, byte[] payload, Instant now)
            throws SQLException {
        this.dataSource = dataSource;
        this.dialect = Dialect.of(dataSource);
        this.spacingMillis = spacing.toMillis();
        this.startMillis = now.minus(Duration.ofHours(1)).toEpochMilli() - history * spacingMillis;
        this.payload = payload.clone();
        if (spacingMillis < 1) {
            throw new IllegalArgumentException("spacing must be at least 1 ms, was " + spacing);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** When row {@code i} was created; it finished 120 ms later. */
    Instant createdAt(long i) {
        return Instant.ofEpochMilli(startMillis + i * spacingMillis);
    }

    /**
     * The bound that purges exactly rows {@code [0, rows)} by finish time: halfway between row
     * {@code rows - 1}'s finish and row {@code rows}'s, so a clock read a few milliseconds later
     * still cuts at the same place.
     */
    Instant finishedBefore(long rows) {
        return createdAt(rows).plusMillis(120).minusMillis(spacingMillis / 2);
    }

    /** The id row {@code i}'s delivery gets ({@code msg_} and the same ULID for its message). */
    String deliveryId(long i) {
        long millis = startMillis + i * spacingMillis;
        StringBuilder sb = new StringBuilder("dlv_");
        for (int k = 9; k >= 0; k--) {
            sb.append(DIGITS.charAt(1 + (int) ((millis >> (5 * k)) & 31)));
        }
        sb.append("00000000000");
        for (int k = 4; k >= 0; k--) {
            sb.append(DIGITS.charAt(1 + (int) ((i >> (5 * k)) & 31)));
        }
        return sb.toString();
    }

    /** Loads rows {@code [from, to)} in one transaction: messages, deliveries, attempts. */
    void load(long from, long to) throws SQLException {
        if (to <= from) {
            return;
        }
        String created = startMillis + " + " + dialect.index + " * " + spacingMillis;
        String source = " FROM (SELECT " + dialect.index + " AS n, " + created + " AS ms, " + ulid(created)
                + " AS u FROM " + dialect.rows + ") r";
        String messages = "INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload)"
                + " SELECT 'msg_' || r.u, 'client.created', " + dialect.timestamp("r.ms") + ", ?" + source;
        String deliveries = "INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts,"
                + " due_at, created_at, last_attempt_at, finished_at, last_status_code)"
                + " SELECT 'dlv_' || r.u, 'msg_' || r.u, '" + ENDPOINT + "', 'SUCCEEDED', 1, NULL, "
                + dialect.timestamp("r.ms") + ", " + dialect.timestamp("r.ms + 50") + ", "
                + dialect.timestamp("r.ms + 120") + ", 200" + source;
        String attempts = "INSERT INTO cactus_webhook_attempts (delivery_id, attempt, started_at, duration_ms,"
                + " status_code) SELECT 'dlv_' || r.u, 1, " + dialect.timestamp("r.ms + 50") + ", 70, 200" + source;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(messages)) {
                    ps.setBytes(1, payload);
                    ps.setLong(2, from);
                    ps.setLong(3, to - 1);
                    ps.executeUpdate();
                }
                for (String sql : new String[] {deliveries, attempts}) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setLong(1, from);
                        ps.setLong(2, to - 1);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A ULID as SQL: 10 base32 digits of the milliseconds, 11 zeros, 5 base32 digits of the row index. */
    private String ulid(String millis) {
        StringBuilder sb = new StringBuilder();
        for (int k = 9; k >= 0; k--) {
            sb.append(digit(millis, k)).append(" || ");
        }
        sb.append("'00000000000'");
        for (int k = 4; k >= 0; k--) {
            sb.append(" || ").append(digit(dialect.index, k));
        }
        return sb.toString();
    }

    private static String digit(String value, int k) {
        long divisor = 1L << (5 * k);
        return "SUBSTRING(" + DIGITS + ", CAST(MOD((" + value + ") / " + divisor + ", 32) AS INT) + 1, 1)";
    }
}
