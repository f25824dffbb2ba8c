package io.cactus.dashboard.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * How webhook delivery went in one ISO week, computed from the stored deliveries and attempts by
 * {@link WeeklyReports}. The week's deliveries are those <em>created</em> in it (Monday 00:00 UTC
 * inclusive to the next Monday exclusive); every number is about them and their attempts, whenever
 * those attempts ran. docs/reports.md says what each number means. Immutable.
 *
 * @param week the week
 * @param generatedAt when it was computed: deliveries still open then count as {@code open}
 * @param rows one per endpoint and event type that had deliveries, by endpoint then event type
 * @param endpoints one per endpoint (event type {@value #ALL}), by endpoint
 * @param total every delivery of the week (endpoint and event type {@value #ALL}); its longest
 *     outage is the longest of any endpoint
 * @param days the seven days, Monday first, each with the deliveries created on it
 */
@NullMarked
public record WeeklyReport(IsoWeek week, Instant generatedAt, List<Row> rows, List<Row> endpoints, Row total,
        List<Day> days) {

    /** The endpoint or event type of a row that sums over all of them. */
    public static final String ALL = "*";

    public WeeklyReport {
        rows = List.copyOf(rows);
        endpoints = List.copyOf(endpoints);
        days = List.copyOf(days);
    }

    /** Whether the week had no delivery at all. */
    @JsonIgnore
    public boolean isEmpty() {
        return total.deliveries() == 0;
    }

    /**
     * The numbers of one endpoint and event type (or of all of them, {@value WeeklyReport#ALL}).
     *
     * @param endpointId the endpoint, or {@value WeeklyReport#ALL}
     * @param eventType the event type, or {@value WeeklyReport#ALL}
     * @param deliveries deliveries created in the week
     * @param succeeded of them, those that succeeded (by the time of the report)
     * @param dead of them, those that are dead
     * @param cancelled of them, those cancelled (their endpoint was disabled or removed)
     * @param open of them, those not finished yet (pending, in flight, retrying, blocked)
     * @param replayed of them, those replayed or redelivered by hand at least once (see docs/reports.md)
     * @param attempts every attempt of these deliveries
     * @param failedAttempts of the attempts, those not answered with a 2xx
     * @param p50Millis nearest-rank median attempt duration, 0 without attempts
     * @param p95Millis nearest-rank 95th percentile attempt duration, 0 without attempts
     * @param p99Millis nearest-rank 99th percentile attempt duration, 0 without attempts
     * @param longestOutage the longest run of consecutive failed attempts
     */
    public record Row(String endpointId, String eventType, long deliveries, long succeeded, long dead,
            long cancelled, long open, long replayed, long attempts, long failedAttempts, long p50Millis,
            long p95Millis, long p99Millis, Outage longestOutage) {

        /** Succeeded over deliveries, from 0 to 1; 0 without deliveries. */
        @JsonProperty
        public double successRate() {
            return deliveries == 0 ? 0 : (double) succeeded / deliveries;
        }

        /** Attempts over deliveries; 0 without deliveries. */
        @JsonProperty
        public double attemptsPerDelivery() {
            return deliveries == 0 ? 0 : (double) attempts / deliveries;
        }
    }

    /**
     * The longest run of consecutive failed attempts (to one endpoint, or of one event type to one
     * endpoint), from the start of its first failed attempt to the start of the next successful one,
     * or to the week's end (or the report's time, if sooner) when none came in the week.
     *
     * @param endpointId the endpoint; null when there was no failed attempt
     * @param from the start of the first failed attempt; null when there was none
     * @param to when it ended; null when there was none
     * @param failedAttempts how many attempts failed in the run; 0 when there was none
     */
    public record Outage(@Nullable String endpointId, @Nullable Instant from, @Nullable Instant to,
            long failedAttempts) {

        /** No failed attempt. */
        public static final Outage NONE = new Outage(null, null, null, 0);

        /** How long it lasted; zero when there was none. */
        @JsonIgnore
        public Duration duration() {
            return from == null || to == null ? Duration.ZERO : Duration.between(from, to);
        }

        /** {@link #duration()} in whole seconds. */
        @JsonProperty
        public long durationSeconds() {
            return duration().toSeconds();
        }

        /** For people: {@code none}, or how long, such as {@code 4d 11h 30m} or {@code 2h 5m 0s}. */
        @JsonIgnore
        public String durationText() {
            if (failedAttempts == 0) {
                return "none";
            }
            Duration d = duration();
            return d.toDays() > 0 ? d.toDays() + "d " + d.toHoursPart() + "h " + d.toMinutesPart() + "m"
                    : d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m " + d.toSecondsPart() + "s"
                    : d.toMinutes() > 0 ? d.toMinutes() + "m " + d.toSecondsPart() + "s"
                    : d.toSeconds() + "." + String.format("%03d", d.toMillisPart()) + "s";
        }

        /** Whether this one lasted longer than {@code other} (the earlier one wins a tie). */
        boolean longerThan(Outage other) {
            return failedAttempts > 0 && (other.failedAttempts == 0 || duration().compareTo(other.duration()) > 0);
        }
    }

    /**
     * One day of the week: the deliveries created on it (UTC) and their attempts.
     *
     * @param date the day
     * @param deliveries deliveries created on it
     * @param succeeded of them, those that succeeded
     * @param dead of them, those that are dead
     * @param attempts their attempts
     * @param failedAttempts of the attempts, those not answered with a 2xx
     * @param p95Millis nearest-rank 95th percentile of their attempts' durations, 0 without attempts
     */
    public record Day(LocalDate date, long deliveries, long succeeded, long dead, long attempts, long failedAttempts,
            long p95Millis) {
    }
}
