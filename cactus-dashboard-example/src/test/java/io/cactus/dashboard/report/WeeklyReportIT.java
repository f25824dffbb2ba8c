package io.cactus.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.dashboard.report.WeeklyReport.Day;
import io.cactus.dashboard.report.WeeklyReport.Outage;
import io.cactus.dashboard.report.WeeklyReport.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The weekly report of a known data set ({@link ReportDataSet}, written into the library's tables
 * on the app's H2 file) against a hand computation; an empty week; the week's boundaries (Monday
 * 00:00 UTC); the page, the CSV and the JSON, and a bad {@code week}.
 *
 * <p>The data set of week 2026-W10 (Monday 2 March 2026), attempts in the order they started:
 * <pre>
 * crm client.created     d1 Mon 00:00:00 SUCCEEDED  #1 00:00:01 200 100ms
 *                        d2 Mon 10:00    SUCCEEDED  #1 10:00:00 500 30ms, #2 10:00:05 timeout 1000ms, #3 10:05 200 50ms
 *                        d3 Tue 08:00    SUCCEEDED  #1 08:00:00 503 20ms, #2 08:00:05 503 20ms, replayed: #1 09:00 200 40ms
 *                        d4 Wed 12:00    DEAD       #1 12:00:00 500 10ms, #2 12:00:05 500 10ms, #3 12:30 500 10ms
 *                        d6 Sat 18:00    RETRYING   #1 18:00 502 5ms
 * crm portfolio.updated  d5 Wed 12:10    SUCCEEDED  #1 12:10 200 200ms
 * erp client.created     d7 Thu 09:00    SUCCEEDED  #1 09:00 200 300ms
 *                        d10 Thu 10:00   PENDING    #1 10:00 200 60ms, then redelivered by hand (counter back to 0)
 *                        d8 Fri 09:00    CANCELLED  no attempt
 *                        d9 Sun 23:59:59 PENDING    no attempt
 * erp portfolio.updated  100 on Fri 10:00:01..10:01:40, SUCCEEDED, one 200 attempt each of 1, 2, ..., 100 ms
 * outside: a crm delivery at Sunday 23:59:59.999 before (its 500 attempt of 7777 ms at Mon 00:00:00.5
 * is not this week's), one at the next Monday 00:00:00 (DEAD, 9999 ms).
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeeklyReportIT {

    static final String PASSWORD = "report-admin-password";
    static final IsoWeek WEEK = IsoWeek.parse("2026-W10", Clock.systemUTC());
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> Path.of("target", "it-data", "report-" + UUID.randomUUID())
                .toAbsolutePath().toString());
        registry.add("ADMIN_PASSWORD", () -> PASSWORD);
        // the data set is months old: retention would purge it
        registry.add("CACTUS_RETENTION_ENABLED", () -> "false");
    }

    @Autowired
    WeeklyReports reports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    ReportDataSet data;

    @BeforeAll
    void writeDataSet() {
        data = new ReportDataSet(jdbc, "w10", WEEK);
        data.write();
    }

    @Test
    void theReportOfAKnownWeekMatchesTheHandComputation() {
        assertKnownWeek(reports.report(WEEK), data);
    }

    /** The hand computation of the data set's week (also run on PostgreSQL by WeeklyReportPostgresIT). */
    static void assertKnownWeek(WeeklyReport report, ReportDataSet data) {

        assertThat(report.week().toString()).isEqualTo("2026-W10");
        assertThat(report.rows()).extracting(Row::endpointId, Row::eventType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("crm", "client.created"),
                org.assertj.core.groups.Tuple.tuple("crm", "portfolio.updated"),
                org.assertj.core.groups.Tuple.tuple("erp", "client.created"),
                org.assertj.core.groups.Tuple.tuple("erp", "portfolio.updated"));

        // crm client.created: d1 d2 d3 d4 d6; succeeded d1 d2 d3, dead d4, open d6, replayed d3 (two attempts #1).
        // 1 + 3 + 3 + 3 + 1 = 11 attempts, 8 failed. Durations sorted: 5 10 10 10 20 20 30 40 50 100 1000;
        // nearest rank: p50 = 6th (ceil 5.5) = 20, p95 = 11th (ceil 10.45) = 1000, p99 = 11th = 1000.
        // Failures of client.created to crm: Wed 12:00, 12:00:05, 12:30, Sat 18:00 with no success after:
        // the run lasts from Wed 12:00 to the week's end, 4 days 12 hours (longer than Mon's 5 min and Tue's 1 h).
        Row crmClient = report.rows().get(0);
        assertRow(crmClient, 5, 3, 1, 0, 1, 1, 11, 8, 20, 1000, 1000);
        assertThat(crmClient.successRate()).isCloseTo(0.6, within(1e-9));
        assertThat(crmClient.attemptsPerDelivery()).isCloseTo(2.2, within(1e-9));
        assertOutage(crmClient.longestOutage(), "crm", data.at(2, 12, 0, 0), WEEK.end(), 4);

        // crm portfolio.updated: d5, one 200 of 200 ms: every percentile 200, no outage
        Row crmPortfolio = report.rows().get(1);
        assertRow(crmPortfolio, 1, 1, 0, 0, 0, 0, 1, 0, 200, 200, 200);
        assertThat(crmPortfolio.successRate()).isEqualTo(1.0);
        assertThat(crmPortfolio.longestOutage()).isEqualTo(Outage.NONE);

        // erp client.created: d7 d8 d9 d10; succeeded d7, cancelled d8, open d9 d10; replayed d10 (an attempt row,
        // counter 0). Attempts 60 and 300: p50 = 1st = 60, p95 = p99 = 2nd = 300. 1/4 = 0.25, 2/4 = 0.5.
        Row erpClient = report.rows().get(2);
        assertRow(erpClient, 4, 1, 0, 1, 2, 1, 2, 0, 60, 300, 300);
        assertThat(erpClient.successRate()).isCloseTo(0.25, within(1e-9));
        assertThat(erpClient.attemptsPerDelivery()).isCloseTo(0.5, within(1e-9));

        // erp portfolio.updated: 1..100 ms: p50 = 50th = 50, p95 = 95, p99 = 99
        assertRow(report.rows().get(3), 100, 100, 0, 0, 0, 0, 100, 0, 50, 95, 99);

        // per endpoint. crm: 6 deliveries, 12 attempts, durations as crm client.created plus 200: p50 = 6th of 12 = 20,
        // p95 = 12th (ceil 11.4) = 1000. Its failures in time order: Mon 10:00, 10:00:05 (ok 10:05: 5 min), Tue 08:00,
        // 08:00:05 (ok 09:00: 1 h), Wed 12:00, 12:00:05 (ok 12:10, d5: 10 min), Wed 12:30, Sat 18:00 (no success
        // after: to the week's end, 4 days 11 h 30 min): the longest.
        assertThat(report.endpoints()).extracting(Row::endpointId, Row::eventType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("crm", "*"), org.assertj.core.groups.Tuple.tuple("erp", "*"));
        Row crm = report.endpoints().get(0);
        assertRow(crm, 6, 4, 1, 0, 1, 1, 12, 8, 20, 1000, 1000);
        assertOutage(crm.longestOutage(), "crm", data.at(2, 12, 30, 0), WEEK.end(), 2);
        // erp: 104 deliveries, 102 attempts 1..100, 60, 300: p50 = 51st = 51, p95 = 97th (ceil 96.9) = 96
        // (1..96 and 60), p99 = 101st (ceil 100.98) = 100
        Row erp = report.endpoints().get(1);
        assertRow(erp, 104, 101, 0, 1, 2, 1, 102, 0, 51, 96, 100);
        assertThat(erp.longestOutage()).isEqualTo(Outage.NONE);

        // total: 110 deliveries, 105 succeeded, 114 attempts (12 + 102). Sorted, the 57th is 49 (1..49 and the
        // 8 values 5 10 10 10 20 20 30 40 below it), the 109th is 99 (1..99 and 5..60: 10 values), the 113th is
        // 300 (111 values up to 100, then 200, 300). The longest outage is crm's.
        Row total = report.total();
        assertThat(total.endpointId()).isEqualTo("*");
        assertRow(total, 110, 105, 1, 1, 3, 2, 114, 8, 49, 99, 300);
        assertThat(total.successRate()).isCloseTo(105 / 110.0, within(1e-9));
        assertThat(total.attemptsPerDelivery()).isCloseTo(114 / 110.0, within(1e-9));
        assertThat(total.longestOutage()).isEqualTo(crm.longestOutage());
        assertThat(total.longestOutage().duration()).isEqualTo(Duration.ofDays(4).plusHours(11).plusMinutes(30));

        // per day, by the delivery's creation day: (deliveries, succeeded, dead, attempts, failed, p95)
        assertThat(report.days()).containsExactly(
                new Day(LocalDate.parse("2026-03-02"), 2, 2, 0, 4, 2, 1000), // d1 d2: 100 30 1000 50, 4th
                new Day(LocalDate.parse("2026-03-03"), 1, 1, 0, 3, 2, 40), // d3: 20 20 40
                new Day(LocalDate.parse("2026-03-04"), 2, 1, 1, 4, 3, 200), // d4 d5: 10 10 10 200
                new Day(LocalDate.parse("2026-03-05"), 2, 1, 0, 2, 0, 300), // d7 d10: 300 60
                new Day(LocalDate.parse("2026-03-06"), 101, 100, 0, 100, 0, 95), // d8 and the 100
                new Day(LocalDate.parse("2026-03-07"), 1, 0, 0, 1, 1, 5), // d6
                new Day(LocalDate.parse("2026-03-08"), 1, 0, 0, 0, 0, 0)); // d9
    }

    @Test
    void weeksStartOnMondayAtMidnightUtc() {
        assertBoundaries(reports, data);
    }

    /** The deliveries just outside the data set's week are in the weeks either side. */
    static void assertBoundaries(WeeklyReports reports, ReportDataSet data) {
        // the delivery at Sunday 23:59:59.999 is the week before's, with its attempt run in this week
        WeeklyReport before = reports.report(WEEK.previous());
        assertRow(before.total(), 1, 1, 0, 0, 0, 0, 1, 1, 7777, 7777, 7777);
        assertThat(before.days().get(6)).isEqualTo(new Day(LocalDate.parse("2026-03-01"), 1, 1, 0, 1, 1, 7777));
        // the one at the next Monday 00:00:00 is the next week's; its failure runs to that week's end
        WeeklyReport after = reports.report(WEEK.plusWeeks(1));
        assertRow(after.total(), 1, 0, 1, 0, 0, 0, 1, 1, 9999, 9999, 9999);
        assertThat(after.days().get(0).date()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertOutage(after.total().longestOutage(), "crm", data.at(7, 0, 0, 1), WEEK.plusWeeks(1).end(), 1);
    }

    @Test
    void anEmptyWeekShowsZeros() throws Exception {
        IsoWeek empty = IsoWeek.parse("2026-W20", clock);
        assertThat(reports.report(WEEK).total().deliveries()).isEqualTo(110); // the control: the data is there

        WeeklyReport report = reports.report(empty);
        assertThat(report.isEmpty()).isTrue();
        assertThat(report.rows()).isEmpty();
        assertThat(report.endpoints()).isEmpty();
        assertRow(report.total(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(report.total().successRate()).isZero();
        assertThat(report.total().attemptsPerDelivery()).isZero();
        assertThat(report.total().longestOutage()).isEqualTo(Outage.NONE);
        assertThat(report.days()).hasSize(7).allSatisfy(d -> assertThat(d.deliveries() + d.attempts()).isZero());

        PageClient pages = new PageClient(port).logIn("admin", PASSWORD);
        HttpResponse<String> page = pages.get("/reports/weekly?week=2026-W20");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"empty-week\"", "id=\"daily-chart\"", "all endpoints");
        HttpResponse<String> csv = pages.get("/reports/weekly.csv?week=2026-W20");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(WeeklyReportCsv.HEADER + "\r\n"
                + "2026-W20,*,*,0,0,0,0,0,0,0.0000,0,0,0.0000,0,0,0,0,,,0\r\n");
    }

    @Test
    void thePageShowsTheWeekWithItsChart() throws Exception {
        PageClient pages = new PageClient(port).logIn("admin", PASSWORD);
        HttpResponse<String> page = pages.get("/reports/weekly?week=2026-W10");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"report-week\">2026-W10<", "data-endpoint=\"crm\"",
                "data-event-type=\"portfolio.updated\"", "class=\"total\"", "<svg", "class=\"bar bar-dead\"",
                "4d 12h 0m (4 failed, from 2026-03-04T12:00:00Z)", "href=\"/reports/weekly.csv?week=2026-W10\"", "Reports</a>");
        // 4 rows per endpoint and event type, 2 per endpoint, 1 total
        assertThat(page.body().split("<tr class=\"row\"", -1)).hasSize(5);
        assertThat(page.body().split("<tr class=\"endpoint-total\"", -1)).hasSize(3);

        // no week: the last complete one
        HttpResponse<String> latest = pages.get("/reports/weekly");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("id=\"report-week\">" + IsoWeek.lastComplete(clock) + "<");
    }

    @Test
    void theCsvHasOneRowPerEndpointAndEventTypeThenTheTotals() throws Exception {
        PageClient pages = new PageClient(port).logIn("admin", PASSWORD);
        HttpResponse<String> csv = pages.get("/reports/weekly.csv?week=2026-W10");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment", "cactus-weekly-report-2026-W10.csv");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines).hasSize(1 + 4 + 2 + 1);
        assertThat(lines.get(0)).isEqualTo(WeeklyReportCsv.HEADER);
        assertThat(lines.get(1)).isEqualTo("2026-W10,crm,client.created,5,3,1,0,1,1,0.6000,11,8,2.2000,20,1000,1000,"
                + "388800,2026-03-04T12:00:00Z,2026-03-09T00:00:00Z,4");
        assertThat(lines.get(5)).startsWith("2026-W10,crm,*,6,4,1,0,1,1,0.6667,12,8,2.0000,20,1000,1000,387000,");
        assertThat(lines.get(7)).startsWith("2026-W10,*,*,110,105,1,1,3,2,0.9545,114,8,1.0364,49,99,300,387000,"
                + "2026-03-04T12:30:00Z,2026-03-09T00:00:00Z,2");
    }

    @Test
    void theApiAnswersJsonAndABadWeekIsA400NamingTheParameter() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/reports/weekly?week=2026-W10")).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(ok.body());
        assertThat(json.path("week").asText()).isEqualTo("2026-W10");
        assertThat(json.path("total").path("deliveries").asLong()).isEqualTo(110);
        assertThat(json.path("rows")).hasSize(4);
        assertThat(json.path("total").path("successRate").asDouble()).isCloseTo(105 / 110.0, within(1e-9));
        assertThat(json.path("total").path("longestOutage").path("durationSeconds").asLong()).isEqualTo(387000);
        assertThat(json.path("days")).hasSize(7);

        for (String bad : List.of("2026-48", "2026-W54", "2025-W53", "2026-W00", "nope%2C%22x")) {
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/reports/weekly?week=" + bad)).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(api.body()).path("errors").get(0).path("field").asText()).isEqualTo("week");
        }
        PageClient pages = new PageClient(port).logIn("admin", PASSWORD);
        HttpResponse<String> page = pages.get("/reports/weekly?week=2026-W54");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Invalid week: week 2026-W54 does not exist: 2026 has weeks 01 to 53.");
        HttpResponse<String> csv = pages.get("/reports/weekly.csv?week=W10");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(csv.body()).contains("\"field\":\"week\"");
        // nothing stored was touched
        assertThat(reports.report(WEEK).total().deliveries()).isEqualTo(110);
    }

    @Test
    void bothStatementsReadTheWeekThroughTheCreationTimeIndex() {
        for (String sql : List.of(WeeklyReports.DELIVERIES, WeeklyReports.ATTEMPTS)) {
            String plan = jdbc.queryForObject("EXPLAIN " + sql.replace("?", "TIMESTAMP WITH TIME ZONE '2026-03-02 00:00:00Z'"),
                    String.class);
            assertThat(plan).as(sql).containsIgnoringCase("CACTUS_WEBHOOK_DELIVERIES_CREATED_AT_IDX");
        }
    }

    @Test
    void theReportWebhookIsOffByDefault() {
        assertThat(context.getBeanProvider(WeeklyReports.class).getIfAvailable()).isNotNull(); // the control
        assertThat(context.getBeanProvider(WeeklyReportJob.class).getIfAvailable()).isNull();
    }

    private static void assertRow(Row row, long deliveries, long succeeded, long dead, long cancelled, long open,
            long replayed, long attempts, long failed, long p50, long p95, long p99) {
        assertThat(List.of(row.deliveries(), row.succeeded(), row.dead(), row.cancelled(), row.open(), row.replayed(),
                row.attempts(), row.failedAttempts(), row.p50Millis(), row.p95Millis(), row.p99Millis()))
                .as(row.endpointId() + " " + row.eventType() + ": deliveries, succeeded, dead, cancelled, open, replayed,"
                        + " attempts, failed, p50, p95, p99")
                .containsExactly(deliveries, succeeded, dead, cancelled, open, replayed, attempts, failed, p50, p95, p99);
    }

    private static void assertOutage(Outage outage, String endpoint, Instant from, Instant to, long failed) {
        assertThat(outage).isEqualTo(new Outage(endpoint, from, to, failed));
    }
}
