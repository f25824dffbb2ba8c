package io.cactus.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.report.WeeklyReport.Outage;
import io.cactus.dashboard.report.WeeklyReport.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyReportCsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(WeeklyReportCsv.field("plain.type")).isEqualTo("plain.type");
        assertThat(WeeklyReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(WeeklyReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(WeeklyReportCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(WeeklyReportCsv.field("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(WeeklyReportCsv.field("")).isEmpty();
    }

    @Test
    void rowsThenEndpointsThenTheTotalWithDotDecimalsAndUtcInstants() {
        IsoWeek week = IsoWeek.of(LocalDate.parse("2026-03-02"));
        Outage outage = new Outage("crm,eu", Instant.parse("2026-03-03T10:00:00Z"), Instant.parse("2026-03-03T11:00:00Z"), 3);
        Row row = new Row("crm,eu", "client.\"created\"", 3, 2, 1, 0, 0, 0, 5, 3, 10, 20, 30, outage);
        Row endpoint = new Row("crm,eu", "*", 3, 2, 1, 0, 0, 0, 5, 3, 10, 20, 30, outage);
        Row total = new Row("*", "*", 3, 2, 1, 0, 0, 0, 5, 3, 10, 20, 30, outage);
        String csv = WeeklyReportCsv.of(new WeeklyReport(week, Instant.parse("2026-03-10T00:00:00Z"), List.of(row),
                List.of(endpoint), total, List.of()));
        assertThat(csv.split("\r\n", -1)).containsExactly(WeeklyReportCsv.HEADER,
                "2026-W10,\"crm,eu\",\"client.\"\"created\"\"\",3,2,1,0,0,0,0.6667,5,3,1.6667,10,20,30,3600,"
                        + "2026-03-03T10:00:00Z,2026-03-03T11:00:00Z,3",
                "2026-W10,\"crm,eu\",*,3,2,1,0,0,0,0.6667,5,3,1.6667,10,20,30,3600,2026-03-03T10:00:00Z,"
                        + "2026-03-03T11:00:00Z,3",
                "2026-W10,*,*,3,2,1,0,0,0,0.6667,5,3,1.6667,10,20,30,3600,2026-03-03T10:00:00Z,2026-03-03T11:00:00Z,3",
                "");
    }
}
