package io.cactus.dashboard.report;

import io.cactus.dashboard.report.WeeklyReport.Outage;
import io.cactus.dashboard.report.WeeklyReport.Row;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the last complete week's report summary once, as a signed {@value #TYPE} webhook to the
 * operator endpoint ({@code cactus.webhooks.operational-events.endpoint}, {@code alerts} in this
 * app), when {@code cactus.dashboard.reports.weekly-webhook.enabled=true} (default off). Checked
 * every {@code cactus.dashboard.reports.weekly-webhook.check-interval} (default 1h), so the report
 * goes out within that long after Monday 00:00 UTC.
 *
 * <p>Once per week across nodes: the event carries the idempotency key {@code report.weekly:<week>},
 * so of nodes that publish it within the library's idempotency window
 * ({@code cactus.webhooks.idempotency.window}, which must be longer than the check interval) only
 * the first one's is stored; the others get its receipt back as a duplicate. After the publish the
 * week is recorded in {@code report_sends} (one row per week, primary key), which stops later checks
 * for good, after the window too. A node that dies between the two publishes again at its next
 * check and gets the duplicate. Without an operator endpoint, or while it is disabled, nothing is
 * sent and nothing is recorded: the next check tries again. Thread-safe (the scheduler runs it on one thread at a time).
 */
@NullMarked
@Component
@ConditionalOnBooleanProperty(name = "cactus.dashboard.reports.weekly-webhook.enabled")
public class WeeklyReportJob {

    /** The event type of the report webhook. */
    public static final String TYPE = "report.weekly";

    private static final Logger log = LoggerFactory.getLogger(WeeklyReportJob.class);

    private final WeeklyReports reports;
    private final Webhooks webhooks;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    WeeklyReportJob(WeeklyReports reports, Webhooks webhooks, DataSource dataSource, Clock clock) {
        this.reports = reports;
        this.webhooks = webhooks;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** The scheduled check: {@link #sendIfDue()}, with failures logged for the next check to retry. */
    @Scheduled(initialDelayString = "${cactus.dashboard.reports.weekly-webhook.initial-delay:1m}",
            fixedDelayString = "${cactus.dashboard.reports.weekly-webhook.check-interval:1h}")
    void check() {
        try {
            sendIfDue();
        } catch (RuntimeException e) {
            log.warn("Weekly report webhook not sent; the next check tries again", e);
        }
    }

    /**
     * Publishes the last complete week's report to the operator endpoint unless some node did.
     *
     * @return the published message, or empty when it was sent before, by this node or another, or
     *     there is no usable operator endpoint
     */
    public Optional<PublishReceipt> sendIfDue() {
        IsoWeek week = IsoWeek.lastComplete(clock);
        Optional<String> endpoint = webhooks.operationalEvents().endpointId();
        if (endpoint.isEmpty()) {
            log.debug("Weekly report {} not sent: no operator endpoint", week);
            return Optional.empty();
        }
        if (sent(week)) {
            return Optional.empty();
        }
        WeeklyReport report = reports.report(week);
        WebhookEvent event = WebhookEvent.builder(EventType.of(TYPE), payload(report))
                .idempotencyKey(TYPE + ":" + week).build();
        PublishReceipt receipt;
        try {
            receipt = webhooks.admin().publishTo(event, List.of(endpoint.get()));
        } catch (IllegalArgumentException e) { // the operator endpoint is missing or disabled: nothing stored
            log.warn("Weekly report {} not sent to endpoint '{}': {}", week, endpoint.get(), e.getMessage());
            return Optional.empty();
        }
        try {
            jdbc.update("INSERT INTO report_sends (week, message_id, sent_at) VALUES (?, ?, ?)", week.toString(),
                    receipt.messageId(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        } catch (DuplicateKeyException e) {
            log.debug("Weekly report {} was recorded as sent by another node", week);
        }
        if (receipt.isDuplicate()) {
            log.debug("Weekly report {} was published by another node as message {}", week, receipt.messageId());
            return Optional.empty();
        }
        log.info("Weekly report {} published to endpoint '{}' as message {}", week, endpoint.get(), receipt.messageId());
        return Optional.of(receipt);
    }

    private boolean sent(IsoWeek week) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM report_sends WHERE week = ?", Integer.class,
                week.toString());
        return n != null && n > 0;
    }

    /** The payload of {@value #TYPE}: the week, its totals and one summary per endpoint (docs/reports.md). */
    static Map<String, Object> payload(WeeklyReport report) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("week", report.week().toString());
        payload.put("from", report.week().start().toString());
        payload.put("to", report.week().end().toString());
        payload.put("generatedAt", report.generatedAt().toString());
        payload.put("total", summary(report.total()));
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (Row r : report.endpoints()) {
            endpoints.add(summary(r));
        }
        payload.put("endpoints", endpoints);
        return payload;
    }

    private static Map<String, Object> summary(Row r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("endpointId", r.endpointId());
        s.put("deliveries", r.deliveries());
        s.put("succeeded", r.succeeded());
        s.put("dead", r.dead());
        s.put("cancelled", r.cancelled());
        s.put("open", r.open());
        s.put("replayed", r.replayed());
        s.put("successRate", round(r.successRate()));
        s.put("attempts", r.attempts());
        s.put("failedAttempts", r.failedAttempts());
        s.put("attemptsPerDelivery", round(r.attemptsPerDelivery()));
        s.put("p50Ms", r.p50Millis());
        s.put("p95Ms", r.p95Millis());
        s.put("p99Ms", r.p99Millis());
        Map<String, Object> outage = outage(r.longestOutage());
        if (outage != null) { // absent without a failed attempt, as absent values in the operational events
            s.put("longestOutage", outage);
        }
        return s;
    }

    private static @Nullable Map<String, Object> outage(Outage o) {
        if (o.failedAttempts() == 0 || o.from() == null || o.to() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpointId", o.endpointId() == null ? "" : o.endpointId());
        m.put("from", String.valueOf(o.from()));
        m.put("to", String.valueOf(o.to()));
        m.put("seconds", o.duration().toSeconds());
        m.put("failedAttempts", o.failedAttempts());
        return m;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
