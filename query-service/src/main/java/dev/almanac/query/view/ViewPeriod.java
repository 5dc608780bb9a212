package dev.almanac.query.view;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The local days a view shows: the day itself, the week that holds it (SCH-041: from Monday
 * unless asked otherwise), or its whole calendar month (SCH-042). Each day runs from one local
 * midnight to the next in the view's zone, or from the first instant after a DST gap at midnight.
 */
public record ViewPeriod(ViewKind kind, LocalDate first, LocalDate last, ZoneId zone) {

    public static ViewPeriod of(ViewKind kind, LocalDate date, ZoneId zone, DayOfWeek weekStart) {
        return switch (kind) {
            case DAY -> new ViewPeriod(kind, date, date, zone);
            case WEEK -> {
                LocalDate first = date.with(TemporalAdjusters.previousOrSame(weekStart));
                yield new ViewPeriod(kind, first, first.plusDays(6), zone);
            }
            case MONTH -> new ViewPeriod(kind, date.withDayOfMonth(1), date.with(TemporalAdjusters.lastDayOfMonth()), zone);
        };
    }

    public List<LocalDate> days() {
        return first.datesUntil(last.plusDays(1)).toList();
    }

    public Instant from() {
        return startOf(first);
    }

    public Instant till() {
        return startOf(last.plusDays(1));
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
