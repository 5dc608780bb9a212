package dev.almanac.tui.view;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.almanac.tui.api.MonthDay;
import dev.almanac.tui.api.OpsEvent;

/**
 * Seed 000's fallback: the view as a plain list, one sentence a line, no colour, no grid and no cursor movement, for a
 * terminal without colour (NO_COLOR) or a screen reader (--plain). The selected line starts with "> ".
 */
public final class PlainList {

    private PlainList() {
    }

    public static List<String> render(Model model) {
        List<String> lines = new ArrayList<>();
        lines.add(model.calendarName() + ", " + Screen.period(model) + ", in "
                + Formats.zone(model.zone(), model.cursor().atStartOfDay(model.zone()).toInstant())
                + (model.filter().isBlank() ? "" : ", filtered by “" + model.filter().trim() + "”")
                + (model.loading() ? ", loading" : ""));
        switch (model.mode()) {
            case MONTH -> month(model, lines);
            case WEEK -> {
                LocalDate start = model.weekStartOf(model.cursor());
                for (int i = 0; i < 7; i++) {
                    day(model, start.plusDays(i), lines);
                }
            }
            case DAY -> day(model, model.cursor(), lines);
        }
        if (model.dialog() != null) {
            lines.add(model.dialog().title() + ":");
            lines.addAll(DialogText.lines(model, model.dialog()));
        }
        if (!model.cutNotice().isEmpty()) {
            lines.add(model.cutNotice() + ".");
        }
        if (!model.status().isEmpty()) {
            lines.add(model.status());
        }
        return lines.stream().map(Text::clean).toList();
    }

    private static void month(Model model, List<String> lines) {
        for (MonthDay day : model.month()) {
            long count = model.count(day);
            if (count == 0 && day.conflicts() == 0 && !day.date().equals(model.cursor())) {
                continue;
            }
            StringBuilder line = new StringBuilder(day.date().equals(model.cursor()) ? "> " : "  ");
            line.append(Formats.day(day.date())).append(": ").append(count).append(count == 1 ? " entry" : " entries");
            Map<String, Long> types = model.types(day);
            if (!types.isEmpty()) {
                line.append(" (").append(types.entrySet().stream().map(type -> type.getValue() + " " + type.getKey())
                        .collect(Collectors.joining(", "))).append(")");
            }
            if (day.conflicts() > 0) {
                line.append(", ").append(day.conflicts()).append(day.conflicts() == 1 ? " conflict" : " conflicts");
            }
            if (day.densityLevel() != null && count > 0) {
                line.append(", density ").append(day.densityLevel());
            }
            lines.add(line.toString());
        }
        long total = model.month().stream().mapToLong(model::count).sum();
        lines.add(total + (total == 1 ? " entry" : " entries") + " this month.");
    }

    private static void day(Model model, LocalDate date, List<String> lines) {
        List<OpsEvent> events = Timeline.of(model, date);
        lines.add((date.equals(model.cursor()) && model.selectedId() == null ? "> " : "") + Formats.day(date) + ": "
                + (events.isEmpty() ? "nothing scheduled" : events.size() + (events.size() == 1 ? " entry" : " entries")));
        for (OpsEvent event : events) {
            ZonedDateTime at = event.scheduledAtUtc().atZone(model.zone());
            lines.add((event.eventId().equals(model.selectedId()) ? "> " : "  ")
                    + Formats.time(event.scheduledAtUtc(), model.zone(), model.hour12()) + " " + Timeline.title(event) + ", " + event.status()
                    + ", " + (event.isItem() ? "item" : event.source() + " rule " + event.sourceRef()) + ", "
                    + Formats.duration(event.durationSeconds()) + (at.getOffset().equals(model.zone().getRules()
                    .getOffset(date.atStartOfDay(model.zone()).toInstant())) ? "" : " (UTC" + at.getOffset().getId() + ")"));
        }
    }
}
