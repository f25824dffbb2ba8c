package io.cactus.dashboard.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A known data set for the weekly report, written straight into the library's tables (the rows the
 * JDBC store writes: a message, its delivery, one attempt row per try), every time relative to the
 * Monday of a chosen week, with ids prefixed so that several weeks can be written into one database.
 * WeeklyReportIT holds the hand computation of what the report of that week must say.
 *
 * <p>Open deliveries are due far in the future, so that the running dispatcher never claims one.
 */
final class ReportDataSet {

    /** Due far away: not claimed while a test runs. */
    static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final String prefix;
    private final Instant monday;

    ReportDataSet(JdbcTemplate jdbc, String prefix, IsoWeek week) {
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.monday = week.start();
    }

    /** Monday 00:00 UTC plus days, hours, minutes, seconds. */
    Instant at(int day, int hour, int minute, double second) {
        return monday.plus(Duration.ofDays(day).plusHours(hour).plusMinutes(minute)
                .plusMillis(Math.round(second * 1000)));
    }

    /**
     * Writes the week described in WeeklyReportIT, plus one delivery just before the week (Sunday
     * 23:59:59.999 of the week before, whose failed attempt runs in this week) and one at the next
     * Monday 00:00 exactly.
     */
    void write() {
        // crm / client.created
        delivery("d1", "crm", "client.created", at(0, 0, 0, 0), "SUCCEEDED", 1)
                .attempt(1, at(0, 0, 0, 1), 100, 200);
        delivery("d2", "crm", "client.created", at(0, 10, 0, 0), "SUCCEEDED", 3)
                .attempt(1, at(0, 10, 0, 0), 30, 500)
                .attempt(2, at(0, 10, 0, 5), 1000, null) // a timeout: no status
                .attempt(3, at(0, 10, 5, 0), 50, 200);
        delivery("d3", "crm", "client.created", at(1, 8, 0, 0), "SUCCEEDED", 1) // dead, then replayed
                .attempt(1, at(1, 8, 0, 0), 20, 503)
                .attempt(2, at(1, 8, 0, 5), 20, 503)
                .attempt(1, at(1, 9, 0, 0), 40, 200);
        delivery("d4", "crm", "client.created", at(2, 12, 0, 0), "DEAD", 3)
                .attempt(1, at(2, 12, 0, 0), 10, 500)
                .attempt(2, at(2, 12, 0, 5), 10, 500)
                .attempt(3, at(2, 12, 30, 0), 10, 500);
        delivery("d6", "crm", "client.created", at(5, 18, 0, 0), "RETRYING", 1)
                .attempt(1, at(5, 18, 0, 0), 5, 502);
        // crm / portfolio.updated
        delivery("d5", "crm", "portfolio.updated", at(2, 12, 10, 0), "SUCCEEDED", 1)
                .attempt(1, at(2, 12, 10, 0), 200, 200);
        // erp / client.created
        delivery("d7", "erp", "client.created", at(3, 9, 0, 0), "SUCCEEDED", 1)
                .attempt(1, at(3, 9, 0, 0), 300, 200);
        delivery("d10", "erp", "client.created", at(3, 10, 0, 0), "PENDING", 0) // succeeded, then redelivered by hand
                .attempt(1, at(3, 10, 0, 0), 60, 200);
        delivery("d8", "erp", "client.created", at(4, 9, 0, 0), "CANCELLED", 0);
        delivery("d9", "erp", "client.created", at(6, 23, 59, 59), "PENDING", 0);
        // erp / portfolio.updated: 100 successes of 1 to 100 ms on Friday
        for (int i = 1; i <= 100; i++) {
            delivery("bulk" + i, "erp", "portfolio.updated", at(4, 10, 0, i), "SUCCEEDED", 1)
                    .attempt(1, at(4, 10, 0, i), i, 200);
        }
        // outside the week, either side
        delivery("before", "crm", "client.created", at(0, 0, 0, -0.001), "SUCCEEDED", 1)
                .attempt(1, at(0, 0, 0, 0.5), 7777, 500);
        delivery("after", "crm", "client.created", at(7, 0, 0, 0), "DEAD", 1)
                .attempt(1, at(7, 0, 0, 1), 9999, 500);
    }

    /** One delivery (and its message). */
    Delivery delivery(String name, String endpoint, String eventType, Instant created, String status, int attempts) {
        String id = prefix + "-" + name;
        jdbc.update("INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload) VALUES (?, ?, ?, ?)",
                "msg_" + id, eventType, utc(created), "{}".getBytes(StandardCharsets.UTF_8));
        boolean finished = status.equals("SUCCEEDED") || status.equals("DEAD") || status.equals("CANCELLED");
        jdbc.update("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts, due_at,"
                + " created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "dlv_" + id, "msg_" + id, endpoint, status,
                attempts, finished ? null : utc(FAR), utc(created), finished ? utc(created.plusSeconds(3600)) : null);
        return new Delivery("dlv_" + id);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** Adds attempt rows to one delivery. */
    final class Delivery {

        private final String id;

        Delivery(String id) {
            this.id = id;
        }

        Delivery attempt(int number, Instant started, long millis, @Nullable Integer status) {
            jdbc.update("INSERT INTO cactus_webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code,"
                    + " error) VALUES (?, ?, ?, ?, ?, ?)", id, number, utc(started), millis, status,
                    status != null && status >= 200 && status < 300 ? null : "failed");
            return this;
        }
    }
}
