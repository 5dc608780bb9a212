package dev.almanac.query.availability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.UtcSlots;

/**
 * What runs on calendars in a window, as intervals only: read from the {@code calendar_days}
 * documents of the window's UTC days by {@code _id}. Every day an entry overlaps holds a copy of
 * it, so the days of the window hold every entry that overlaps it; an entry seen in several days
 * counts once, as its newest copy (a day may briefly lag another while a projection batch lands).
 * Cancelled items are already withdrawn from the days.
 */
@Component
public class CalendarLoad {

    private final CalendarDays days;

    public CalendarLoad(CalendarDays days) {
        this.days = days;
    }

    /** Per calendar asked for, the entries overlapping {@code window}; a calendar with none maps to an empty list. */
    public Mono<Map<String, List<TimeRange>>> entries(Collection<String> calendarIds, TimeRange window) {
        List<LocalDate> utcDays = UtcSlots.daysOverlapping(window.start(), window.end());
        List<String> ids = new ArrayList<>(calendarIds.size() * utcDays.size());
        for (String calendarId : calendarIds) {
            for (LocalDate day : utcDays) {
                ids.add(CalendarDay.id(calendarId, day));
            }
        }
        return days.find(ids, List.of(CalendarDayCodec.CALENDAR_ID, CalendarDayCodec.ENTRIES))
                .collect(() -> new HashMap<String, Map<String, EntryCopy>>(), CalendarLoad::keep)
                .map(newest -> {
                    Map<String, List<TimeRange>> entries = new HashMap<>();
                    for (String calendarId : calendarIds) {
                        List<TimeRange> ranges = new ArrayList<>();
                        for (EntryCopy copy : newest.getOrDefault(calendarId, Map.of()).values()) {
                            if (copy.start().isBefore(copy.end()) && copy.overlaps(window.start(), window.end())) {
                                ranges.add(new TimeRange(copy.start(), copy.end()));
                            }
                        }
                        entries.put(calendarId, ranges);
                    }
                    return entries;
                });
    }

    private static void keep(Map<String, Map<String, EntryCopy>> newest, Document day) {
        String calendarId = day.getString(CalendarDayCodec.CALENDAR_ID);
        Map<String, EntryCopy> byId = newest.computeIfAbsent(calendarId, id -> new HashMap<>());
        for (EntryCopy copy : CalendarDayCodec.copies(day.get(CalendarDayCodec.ENTRIES, Document.class))) {
            byId.merge(copy.id(), copy, (kept, other) -> other.version() > kept.version() ? other : kept);
        }
    }
}
