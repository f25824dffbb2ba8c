package io.cactus.dashboard.report;

import io.cactus.dashboard.report.WeeklyReport.Day;
import io.cactus.dashboard.report.WeeklyReport.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.NullMarked;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes a {@link WeeklyReport} from the library's tables ({@code cactus_webhook_deliveries},
 * {@code _messages}, {@code _attempts}) on the app's database (H2 or PostgreSQL), so it covers
 * every node and survives restarts.
 *
 * <p>Bounded: two statements per report, both reading only the deliveries created in the week
 * through the index on their creation time ({@code cactus_webhook_deliveries_created_at_idx}) and
 * their attempts through the index on the delivery id ({@code cactus_webhook_attempts_delivery_id_idx}),
 * never the rest of the history. Their rows are streamed ({@value #FETCH_SIZE} at a time, in one
 * read-only transaction so that PostgreSQL uses a cursor) and summed as they pass; percentiles are
 * exact (nearest rank) from a count per distinct duration in milliseconds, so memory grows with the
 * endpoints, event types and distinct durations, not with the number of attempts.
 *
 * <p>Thread-safe: each call works on its own state.
 */
@NullMarked
@Component
public class WeeklyReports {

    static final int FETCH_SIZE = 1000;

    /** The week's deliveries, with how many attempt rows each has and how many of them are number 1. */
    static final String DELIVERIES = "SELECT d.endpoint_id, m.event_type, d.status, d.created_at, d.attempts,"
            + " (SELECT COUNT(*) FROM cactus_webhook_attempts a WHERE a.delivery_id = d.id) AS attempt_rows,"
            + " (SELECT COUNT(*) FROM cactus_webhook_attempts a WHERE a.delivery_id = d.id AND a.attempt = 1)"
            + " AS first_attempts"
            + " FROM cactus_webhook_deliveries d JOIN cactus_webhook_messages m ON m.id = d.message_id"
            + " WHERE d.created_at >= ? AND d.created_at < ?";

    /** The attempts of the week's deliveries, in the order they started. */
    static final String ATTEMPTS = "SELECT d.endpoint_id, m.event_type, d.created_at, a.started_at, a.duration_ms,"
            + " a.status_code FROM cactus_webhook_deliveries d"
            + " JOIN cactus_webhook_messages m ON m.id = d.message_id"
            + " JOIN cactus_webhook_attempts a ON a.delivery_id = d.id"
            + " WHERE d.created_at >= ? AND d.created_at < ? ORDER BY a.started_at, a.id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    WeeklyReports(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /**
     * The report of {@code week}, as stored now.
     *
     * @param week the week; the current one gives the report so far
     * @return the report; of a week without deliveries, zeros everywhere
     * @throws org.springframework.dao.DataAccessException if the database cannot be read
     */
    public WeeklyReport report(IsoWeek week) {
        Instant now = clock.instant();
        Instant cutoff = now.isBefore(week.end()) ? now : week.end();
        Sums sums = new Sums();
        readOnly.executeWithoutResult(status -> {
            jdbc.query(DELIVERIES, ps -> bindWeek(ps, week), (RowCallbackHandler) sums::delivery);
            jdbc.query(ATTEMPTS, ps -> bindWeek(ps, week), (RowCallbackHandler) rs -> sums.attempt(rs, cutoff));
        });
        return sums.report(week, now, cutoff);
    }

    private static void bindWeek(java.sql.PreparedStatement ps, IsoWeek week) throws SQLException {
        ps.setObject(1, OffsetDateTime.ofInstant(week.start(), ZoneOffset.UTC));
        ps.setObject(2, OffsetDateTime.ofInstant(week.end(), ZoneOffset.UTC));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException(column + " is null");
        }
        return value.toInstant();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** The tallies of one report while its rows stream by. */
    private static final class Sums {

        private final Map<String, Map<String, Tally>> byEndpointAndType = new TreeMap<>();
        private final Map<String, Tally> byEndpoint = new TreeMap<>();
        private final Map<LocalDate, Tally> byDay = new TreeMap<>();

        void delivery(ResultSet rs) throws SQLException {
            String endpoint = rs.getString("endpoint_id");
            String type = rs.getString("event_type");
            String status = rs.getString("status");
            // A replay or a redelivery by hand starts a fresh round: the counter goes back to 0 and the
            // next attempt is number 1 again, while the earlier rounds' attempt rows stay.
            boolean replayed = rs.getLong("first_attempts") > 1 || rs.getLong("attempt_rows") > rs.getLong("attempts");
            Instant created = instant(rs, "created_at");
            for (Tally t : tallies(endpoint, type, day(created))) {
                t.delivery(status, replayed);
            }
        }

        void attempt(ResultSet rs, Instant cutoff) throws SQLException {
            String endpoint = rs.getString("endpoint_id");
            String type = rs.getString("event_type");
            Instant created = instant(rs, "created_at");
            Instant started = instant(rs, "started_at");
            long millis = rs.getLong("duration_ms");
            int code = rs.getInt("status_code");
            boolean ok = !rs.wasNull() && code >= 200 && code < 300;
            boolean inWindow = started.isBefore(cutoff);
            for (Tally t : tallies(endpoint, type, day(created))) {
                t.attempt(started, millis, ok, inWindow);
            }
        }

        private List<Tally> tallies(String endpoint, String type, LocalDate day) {
            return List.of(
                    byEndpointAndType.computeIfAbsent(endpoint, e -> new TreeMap<>())
                            .computeIfAbsent(type, t -> new Tally(endpoint)),
                    byEndpoint.computeIfAbsent(endpoint, Tally::new),
                    byDay.computeIfAbsent(day, d -> new Tally(null)));
        }

        WeeklyReport report(IsoWeek week, Instant now, Instant cutoff) {
            List<Row> rows = new ArrayList<>();
            byEndpointAndType.forEach((endpoint, types) -> types.forEach((type, t) -> rows.add(t.row(endpoint, type,
                    cutoff))));
            List<Row> endpoints = new ArrayList<>();
            byEndpoint.forEach((endpoint, t) -> endpoints.add(t.row(endpoint, WeeklyReport.ALL, cutoff)));
            Row total = Tally.total(byEndpoint.values(), endpoints, cutoff);
            List<Day> days = new ArrayList<>();
            for (LocalDate date : week.days()) {
                Tally t = byDay.get(date);
                days.add(t == null ? new Day(date, 0, 0, 0, 0, 0, 0)
                        : new Day(date, t.deliveries(), t.succeeded(), t.dead(), t.attempts(), t.failedAttempts(),
                                t.p95()));
            }
            return new WeeklyReport(week, now, rows, endpoints, total, days);
        }
    }
}
