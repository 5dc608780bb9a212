package dev.almanac.query.availability;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;

/** What runs on calendars in a window, as intervals only, from the {@code calendar_days} documents of its UTC days ({@link DayIntervals}). */
@Component
public class CalendarLoad {

    private final DayIntervals days;

    public CalendarLoad(MongoDatabase database) {
        this.days = new DayIntervals(database, DayIntervals.CALENDAR_DAYS);
    }

    /** Per calendar asked for, the entries overlapping {@code window}; a calendar with none maps to an empty list. */
    public Mono<Map<String, List<TimeRange>>> entries(Collection<String> calendarIds, TimeRange window) {
        return days.overlapping(calendarIds, window);
    }
}
