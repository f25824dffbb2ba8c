package io.cactus.dashboard.report;

import io.cactus.dashboard.report.WeeklyReport.Day;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/**
 * The report's chart per day as inline SVG, drawn on the server (no script): for each day a bar of
 * the deliveries created that day, split into succeeded (green), dead (red) and the rest (grey:
 * open or cancelled), with the count above it and the day's p95 attempt duration below. The text
 * is made of dates and numbers only. Stateless.
 */
@NullMarked
final class DailyChart {

    static final int WIDTH = 700;
    static final int HEIGHT = 240;
    private static final int TOP = 24;
    private static final int BOTTOM = 44;
    private static final int LEFT = 20;

    private DailyChart() {
    }

    static String svg(List<Day> days) {
        long max = 1;
        for (Day d : days) {
            max = Math.max(max, d.deliveries());
        }
        int plot = HEIGHT - TOP - BOTTOM;
        int slot = (WIDTH - 2 * LEFT) / Math.max(1, days.size());
        int bar = slot * 3 / 5;
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"daily-chart\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" aria-label=\"Deliveries per day\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\" stroke=\"#d4dccd\"/>")
                .append(line(LEFT, HEIGHT - BOTTOM, WIDTH - LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            int x = LEFT + i * slot + (slot - bar) / 2;
            int base = HEIGHT - BOTTOM;
            long other = Math.max(0, d.deliveries() - d.succeeded() - d.dead());
            base = segment(svg, "succeeded", "#4c9a2a", x, base, bar, d.succeeded() * plot / max, d);
            base = segment(svg, "dead", "#c0392b", x, base, bar, d.dead() * plot / max, d);
            base = segment(svg, "other", "#b0b8aa", x, base, bar, other * plot / max, d);
            int centre = x + bar / 2;
            svg.append(text(centre, base - 6, Long.toString(d.deliveries()), "day-count"))
                    .append(text(centre, HEIGHT - BOTTOM + 16,
                            d.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " "
                                    + d.date().getDayOfMonth(), "day-label"))
                    .append(text(centre, HEIGHT - BOTTOM + 32, "p95 " + d.p95Millis() + " ms", "day-p95"));
        }
        return svg.append("</svg>").toString();
    }

    private static int segment(StringBuilder svg, String kind, String colour, int x, int base, int width, long height,
            Day day) {
        if (height <= 0) {
            return base;
        }
        svg.append("<rect class=\"bar bar-").append(kind).append("\" data-date=\"").append(day.date())
                .append("\" x=\"").append(x).append("\" y=\"").append(base - height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"").append(colour).append("\"/>");
        return (int) (base - height);
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#999\"/>";
    }

    private static String text(int x, int y, String text, String kind) {
        return "<text class=\"" + kind + "\" x=\"" + x + "\" y=\"" + y
                + "\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\">" + text + "</text>";
    }
}
