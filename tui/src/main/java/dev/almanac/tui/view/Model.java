package dev.almanac.tui.view;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.tui.api.MonthDay;
import dev.almanac.tui.api.OpsEvent;

/**
 * Everything a frame shows, and nothing of how it was fetched: the views are pure functions of a model and a size.
 *
 * @param cursor     the day the user is on
 * @param month      the days of the cursor's month, as /monthly answered them (empty until it did)
 * @param entries    the ops feed of the shown week or day
 * @param selectedId the selected entry of a week or day view
 * @param filter     a queue is picked apart; this is the job-type and text filter, empty for none
 * @param colors     /calendar/config's density_colors; {@code color} false draws without any colour
 * @param entriesCut the feed had more entries for the week or day than the client reads (AlmanacApi.WINDOW_LIMIT)
 */
public record Model(Mode mode, LocalDate cursor, LocalDate today, ZoneId zone, String calendarName, DayOfWeek weekStart,
                    boolean hour12, List<MonthDay> month, List<OpsEvent> entries, @Nullable String selectedId, String filter,
                    @Nullable Dialog dialog, String status, String live, boolean loading, Map<String, String> colors,
                    boolean color, boolean entriesCut) {

    public Model {
        month = List.copyOf(month);
        entries = List.copyOf(entries);
        colors = Map.copyOf(colors);
    }

    /** A model whose week or day was read whole. */
    public Model(Mode mode, LocalDate cursor, LocalDate today, ZoneId zone, String calendarName, DayOfWeek weekStart,
                 boolean hour12, List<MonthDay> month, List<OpsEvent> entries, @Nullable String selectedId, String filter,
                 @Nullable Dialog dialog, String status, String live, boolean loading, Map<String, String> colors,
                 boolean color) {
        this(mode, cursor, today, zone, calendarName, weekStart, hour12, month, entries, selectedId, filter, dialog, status, live,
                loading, colors, color, false);
    }

    /** What the status line says while a cut week or day is shown; empty when nothing was cut. */
    public String cutNotice() {
        if (!entriesCut || mode == Mode.MONTH) {
            return "";
        }
        return mode == Mode.WEEK ? "Only the first " + String.format(Locale.ROOT, "%,d", dev.almanac.tui.api.AlmanacApi.WINDOW_LIMIT)
                + " entries of this week are shown: d shows one day"
                : "Only the first " + String.format(Locale.ROOT, "%,d", dev.almanac.tui.api.AlmanacApi.WINDOW_LIMIT)
                + " entries of this day are shown";
    }

    /** The entries the filter lets through, in the feed's order (by start, then id). */
    public List<OpsEvent> visibleEntries() {
        if (filter.isBlank()) {
            return entries;
        }
        String wanted = filter.toLowerCase(Locale.ROOT).trim();
        return entries.stream().filter(event -> (event.title() + " " + event.source() + " " + event.status() + " " + event.category())
                .toLowerCase(Locale.ROOT).contains(wanted)).toList();
    }

    /** A day's count under the filter: the job types whose name holds it. */
    public long count(MonthDay day) {
        if (filter.isBlank()) {
            return day.jobCount();
        }
        String wanted = filter.toLowerCase(Locale.ROOT).trim();
        return day.jobTypes().entrySet().stream().filter(type -> type.getKey().toLowerCase(Locale.ROOT).contains(wanted))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public Map<String, Long> types(MonthDay day) {
        if (filter.isBlank()) {
            return day.jobTypes();
        }
        String wanted = filter.toLowerCase(Locale.ROOT).trim();
        Map<String, Long> types = new java.util.TreeMap<>();
        day.jobTypes().forEach((type, count) -> {
            if (type.toLowerCase(Locale.ROOT).contains(wanted)) {
                types.put(type, count);
            }
        });
        return types;
    }

    public LocalDate weekStartOf(LocalDate date) {
        return date.minusDays((date.getDayOfWeek().getValue() - weekStart.getValue() + 7) % 7);
    }
}
