package dev.almanac.query.export;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.almanac.events.TimeRange;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.view.ViewPeriod;

/**
 * The local days a spreadsheet or PDF export lays out, on the calendar's wall clock (SCH-044): a day, week or month view
 * as the calendar views have them ({@link ViewPeriod}), or any window, from the local day of its start to that of its last
 * instant.
 */
record ExportPeriod(Layout layout, ZoneId zone, List<LocalDate> days, TimeRange window, DayOfWeek weekStart) {

    /** How the days are laid out: the hours of one day, a row of seven days, weeks of seven days, or a list of days. */
    enum Layout {
        DAY, WEEK, MONTH, WINDOW
    }

    static ExportPeriod of(ViewPeriod view, DayOfWeek weekStart) {
        Layout layout = switch (view.kind()) {
            case DAY -> Layout.DAY;
            case WEEK -> Layout.WEEK;
            case MONTH -> Layout.MONTH;
        };
        return new ExportPeriod(layout, view.zone(), view.days(), new TimeRange(view.from(), view.till()), weekStart);
    }

    static ExportPeriod of(TimeRange window, ZoneId zone, DayOfWeek weekStart) {
        LocalDate first = LocalDate.ofInstant(window.start(), zone);
        LocalDate last = LocalDate.ofInstant(window.end().minusNanos(1), zone);
        return new ExportPeriod(Layout.WINDOW, zone, first.datesUntil(last.plusDays(1)).toList(), window, weekStart);
    }

    Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Each day with the entries that overlap it, by start and id as given: an entry spanning days is on each. */
    Map<LocalDate, List<EntryView>> entriesByDay(List<EntryView> entries) {
        Map<LocalDate, List<EntryView>> byDay = new LinkedHashMap<>();
        days.forEach(day -> byDay.put(day, new ArrayList<>()));
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        for (EntryView entry : entries) {
            LocalDate day = LocalDate.ofInstant(entry.start(), zone);
            if (day.isBefore(first)) {
                day = first;
            }
            // An entry that ends at a midnight is not on the day that starts there.
            Instant end = entry.end().isAfter(entry.start()) ? entry.end().minusNanos(1) : entry.start();
            LocalDate lastDay = LocalDate.ofInstant(end, zone);
            for (LocalDate on = day; !on.isAfter(lastDay) && !on.isAfter(last); on = on.plusDays(1)) {
                byDay.get(on).add(entry);
            }
        }
        return byDay;
    }

    /** What the period is called on a page or sheet: "December 2026", "Week of 2026-11-30", "2026-12-01", a range. */
    String label() {
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        return switch (layout) {
            case DAY -> first.format(DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH));
            case WEEK -> "Week of " + first.format(DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH));
            case MONTH -> first.format(DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH));
            case WINDOW -> first + " to " + last;
        };
    }

    /** A file name's part for the period: its day, or its first and last day. */
    String fileLabel() {
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        return first.equals(last) ? first.toString() : first + "_" + last;
    }
}
