package dev.almanac.query.availability;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.occurrence.RuleTimelines;

/**
 * Calendars as availability sees them: what runs on them in a window, as intervals only: the stored entries from the
 * {@code calendar_days} documents of its UTC days ({@link DayIntervals}) and the rule occurrences computed from the rules'
 * timelines (ADR 0068); a calendar is occupied where as many entries as its capacity run.
 */
@Component
public class CalendarLoad implements Bookables<CalendarView, List<TimeRange>> {

    private final Calendars calendars;
    private final DayIntervals days;
    private final RuleTimelines ruleTimelines;

    public CalendarLoad(MongoDatabase database, Calendars calendars, RuleTimelines ruleTimelines) {
        this.calendars = calendars;
        this.ruleTimelines = ruleTimelines;
        this.days = new DayIntervals(database, DayIntervals.CALENDAR_DAYS);
    }

    @Override
    public Mono<CalendarView> require(String id) {
        return calendars.require(id);
    }

    @Override
    public Mono<Map<String, CalendarView>> findAll(Collection<String> ids) {
        return calendars.findAll(ids).collectMap(CalendarView::id);
    }

    /** Per calendar asked for, the entries overlapping {@code window}; a calendar with none maps to an empty list. */
    @Override
    public Mono<Map<String, List<TimeRange>>> load(Collection<String> calendarIds, TimeRange window) {
        return days.overlappingWith(calendarIds, window,
                ruleTimelines.snapshot().map(rules -> rules.occurrencesOverlapping(calendarIds, window)));
    }

    /** The merged intervals of {@code range} at the calendar's capacity. */
    @Override
    public List<TimeRange> occupancy(CalendarView calendar, List<TimeRange> entries, TimeRange range) {
        return Occupancy.atCapacity(entries, calendar.capacity(), range);
    }

    @Override
    public List<TimeRange> blocked(List<TimeRange> atCapacity) {
        return atCapacity;
    }

    @Override
    public ZoneId zone(CalendarView calendar) {
        return calendar.timezone();
    }
}
