package io.cactus.dashboard.report;

import io.cactus.dashboard.report.WeeklyReport.Outage;
import io.cactus.dashboard.report.WeeklyReport.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/**
 * A {@link WeeklyReport} as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma,
 * quote, CR or LF quoted with its quotes doubled): a header, one row per endpoint and event type,
 * then one per endpoint (event type {@code *}), then the total ({@code *}, {@code *}). Rates and
 * ratios with a dot and four decimals whatever the locale; instants in ISO-8601 UTC, empty when
 * there was no outage. Stateless.
 */
@NullMarked
final class WeeklyReportCsv {

    static final String HEADER = "week,endpoint,event_type,deliveries,succeeded,dead,cancelled,open,replayed,"
            + "success_rate,attempts,failed_attempts,attempts_per_delivery,p50_ms,p95_ms,p99_ms,"
            + "longest_outage_s,longest_outage_from,longest_outage_to,longest_outage_failed_attempts";

    private WeeklyReportCsv() {
    }

    static String of(WeeklyReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        List<Row> all = new ArrayList<>(report.rows());
        all.addAll(report.endpoints());
        all.add(report.total());
        for (Row r : all) {
            Outage o = r.longestOutage();
            List<String> fields = List.of(report.week().toString(), r.endpointId(), r.eventType(),
                    Long.toString(r.deliveries()), Long.toString(r.succeeded()), Long.toString(r.dead()),
                    Long.toString(r.cancelled()), Long.toString(r.open()), Long.toString(r.replayed()),
                    decimal(r.successRate()), Long.toString(r.attempts()), Long.toString(r.failedAttempts()),
                    decimal(r.attemptsPerDelivery()), Long.toString(r.p50Millis()), Long.toString(r.p95Millis()),
                    Long.toString(r.p99Millis()), Long.toString(o.duration().toSeconds()),
                    o.from() == null ? "" : o.from().toString(), o.to() == null ? "" : o.to().toString(),
                    Long.toString(o.failedAttempts()));
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(field(fields.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** One field, quoted when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
