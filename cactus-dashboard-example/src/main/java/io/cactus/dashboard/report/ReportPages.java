package io.cactus.dashboard.report;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The weekly delivery report page ({@code /reports/weekly?week=2026-W48}, default the last complete
 * week) and its CSV download ({@code /reports/weekly.csv?week=...}). A bad {@code week} is a 400
 * naming the parameter: a page on the page, problem details on the CSV. Admin only
 * (SecurityConfig).
 */
@NullMarked
@Controller
class ReportPages {

    private final WeeklyReports reports;
    private final Clock clock;

    ReportPages(WeeklyReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/reports/weekly")
    String weekly(@RequestParam(required = false) @Nullable String week, Model model, HttpServletResponse response) {
        IsoWeek isoWeek;
        try {
            isoWeek = IsoWeek.parse(week, clock);
        } catch (IsoWeek.InvalidWeekException e) {
            // not an @ExceptionHandler: its model would lack what the layout needs
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("title", "Weekly report");
            model.addAttribute("problem", "Invalid " + e.field() + ": " + e.getMessage() + ".");
            model.addAttribute("back", "/reports/weekly");
            return "bad-request";
        }
        WeeklyReport report = reports.report(isoWeek);
        model.addAttribute("report", report);
        model.addAttribute("chart", DailyChart.svg(report.days()));
        model.addAttribute("previousWeek", isoWeek.previous().toString());
        model.addAttribute("nextWeek", isoWeek.plusWeeks(1).toString());
        model.addAttribute("hasNext", isoWeek.plusWeeks(1).start().isBefore(clock.instant()));
        return "report-weekly";
    }

    @GetMapping("/reports/weekly.csv")
    ResponseEntity<byte[]> weeklyCsv(@RequestParam(required = false) @Nullable String week) {
        IsoWeek isoWeek = IsoWeek.parse(week, clock);
        byte[] csv = WeeklyReportCsv.of(reports.report(isoWeek)).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("cactus-weekly-report-" + isoWeek + ".csv").build().toString())
                .body(csv);
    }
}
