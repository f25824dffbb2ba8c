package io.cactus.dashboard.report;

import com.fasterxml.jackson.annotation.JsonValue;
import io.cactus.dashboard.domain.InvalidFieldException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One ISO-8601 week in UTC, such as {@code 2026-W48}: from Monday 00:00 UTC (inclusive) to the next
 * Monday 00:00 UTC (exclusive). Weeks belong to the year of their Thursday, so {@code 2026-W53} exists
 * and {@code 2025-W53} does not. Immutable.
 *
 * @param monday the week's first day
 */
@NullMarked
public record IsoWeek(LocalDate monday) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})-W([0-9]{2})");

    /**
     * @throws IllegalArgumentException if {@code monday} is not a Monday
     */
    public IsoWeek {
        if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("monday must be a Monday, was " + monday);
        }
    }

    /** The week that holds {@code day}. */
    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** The last week that has ended at {@code clock}'s now: the one before the current week. */
    public static IsoWeek lastComplete(Clock clock) {
        return of(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).previous();
    }

    /**
     * Reads the {@code week} request parameter.
     *
     * @param week {@code yyyy-Www} as sent; null or blank for {@link #lastComplete(Clock)}
     * @param clock where now comes from
     * @return the week
     * @throws InvalidWeekException (400, naming {@code week}) for any other text or a week the year
     *     does not have
     */
    public static IsoWeek parse(@Nullable String week, Clock clock) {
        if (week == null || week.isBlank()) {
            return lastComplete(clock);
        }
        Matcher m = FORMAT.matcher(week.strip());
        if (!m.matches()) {
            // not echoed: the parameter could hold anything
            throw new InvalidWeekException("week must be an ISO week such as 2026-W48");
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        LocalDate thursdayOfWeek1 = LocalDate.of(year, 1, 4);
        long weeks = LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        if (number < 1 || number > weeks) {
            throw new InvalidWeekException("week " + m.group() + " does not exist: " + year + " has weeks 01 to " + weeks);
        }
        return of(thursdayOfWeek1).plusWeeks(number - 1);
    }

    /** The week {@code n} weeks later (earlier when negative). */
    public IsoWeek plusWeeks(long n) {
        return new IsoWeek(monday.plusWeeks(n));
    }

    /** The week before. */
    public IsoWeek previous() {
        return plusWeeks(-1);
    }

    /** Monday 00:00 UTC, inclusive. */
    public Instant start() {
        return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The next Monday 00:00 UTC, exclusive. */
    public Instant end() {
        return monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The seven days, Monday first. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>(7);
        for (int i = 0; i < 7; i++) {
            days.add(monday.plusDays(i));
        }
        return days;
    }

    /** Whether {@code at} falls in this week. */
    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    /** {@code yyyy-Www}, as {@link #parse} reads it; also its JSON form. */
    @JsonValue
    @Override
    public String toString() {
        return String.format("%04d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** A {@code week} parameter that names no ISO week: 400, naming the parameter. */
    public static final class InvalidWeekException extends InvalidFieldException {

        private static final long serialVersionUID = 1L;

        InvalidWeekException(String message) {
            super("week", message);
        }
    }
}
