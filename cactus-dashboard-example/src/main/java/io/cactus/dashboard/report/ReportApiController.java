package io.cactus.dashboard.report;

import java.time.Clock;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The weekly report as JSON: {@code GET /api/reports/weekly?week=2026-W48} (default the last
 * complete week), the {@link WeeklyReport} record as it is. A bad {@code week} is a 400 problem
 * naming the parameter.
 */
@NullMarked
@RestController
class ReportApiController {

    private final WeeklyReports reports;
    private final Clock clock;

    ReportApiController(WeeklyReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/reports/weekly")
    WeeklyReport weekly(@RequestParam(required = false) @Nullable String week) {
        return reports.report(IsoWeek.parse(week, clock));
    }
}
