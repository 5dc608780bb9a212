package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.occurrence.RuleTimelines;

/** Counts a window of the entries that pass a filter, entry by entry: such a window is never kept. */
final class FilteredWindows {

    private static final List<String> ENTRIES_OF_DAY = List.of(CalendarDayCodec.DAY, CalendarDayCodec.CALENDAR_ID, CalendarDayCodec.ENTRIES);

    private final CalendarDays calendarDays;
    private final WindowDays windowDays;
    private final RuleTimelines ruleTimelines;

    FilteredWindows(CalendarDays calendarDays, WindowDays windowDays, RuleTimelines ruleTimelines) {
        this.calendarDays = calendarDays;
        this.windowDays = windowDays;
        this.ruleTimelines = ruleTimelines;
    }

    /**
     * The window of the entries that pass {@code filter}. The slot summaries do not keep types per
     * second, tags or priorities, so a filtered window counts entry by entry: it reads the day
     * documents of every calendar with something starting in the window (or of {@code queue}), and
     * costs in proportion to the entries in the window, not to its days.
     */
    Mono<ScheduleWindow> window(WindowSpec spec, @Nullable String queue, WindowFilter filter, CalendarVisibility visibility) {
        List<LocalDate> days = UtcSlots.daysOverlapping(spec.from(), spec.till());
        Mono<? extends Collection<String>> calendars = queue != null
                ? Mono.just(List.of(queue))
                : windowDays.calendarsWithStarts(visibility.tenant(), days);
        return Mono.zip(calendars, ruleTimelines.snapshot()).flatMap(read -> {
            Collection<String> calendarIds = read.getT1().stream().filter(visibility::shows).toList();
            BucketGrid grid = BucketGrid.over(spec);
            if (filter.tag() == null && filter.priority() == null) {
                // Occurrences carry no tags or priority, so only a type filter can let them in.
                RuleOccurrenceCounts.addOfType(grid, read.getT2(), days, queue, filter.type(), visibility);
            }
            return calendarDays.find(calendarIds, days, ENTRIES_OF_DAY)
                    .doOnNext(document -> {
                        LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                        String calendarId = document.getString(CalendarDayCodec.CALENDAR_ID);
                        for (EntryCopy stored : CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class))) {
                            EntryCopy copy = CountedTypes.of(stored, read.getT2());
                            // Each entry once: from the day it starts on; copies carried into later days are skipped.
                            if (UtcSlots.dayOf(copy.start()).equals(day) && filter.accepts(copy)) {
                                grid.add(copy.timing(calendarId));
                            }
                        }
                    })
                    .then(Mono.fromSupplier(grid::toScheduleWindow));
        });
    }
}
