package dev.almanac.query.conflict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.query.availability.CalendarLoad;
import dev.almanac.query.availability.Occupancy;
import dev.almanac.query.availability.SlotGrid;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;

/**
 * Suggested resolutions of a conflict (issue 10): for each one-off item in it, the next free slots
 * on its calendar, on the free-slot grid of SCH-032 and SCH-034 (30 minutes in the calendar's zone,
 * a 15-minute buffer), that would take the item out of the clash, with the effect of each move.
 * Occurrences are not suggested: they move with their rule. Computed when asked, from the
 * calendar's day documents, so they reflect the calendar as it is now.
 */
@Component
public class ConflictSuggestions {

    static final int PER_ENTRY = 3;
    static final Duration SEARCH = Duration.ofDays(7);
    static final Duration INCREMENT = Duration.ofMinutes(30);
    static final Duration BUFFER = Duration.ofMinutes(15);

    private final Calendars calendars;
    private final CalendarLoad load;

    public ConflictSuggestions(Calendars calendars, CalendarLoad load) {
        this.calendars = calendars;
        this.load = load;
    }

    /** One way to take an entry out of the conflict. */
    @Schema(name = "ConflictSuggestion")
    public record Suggestion(
            @Schema(example = "item-gala") String entryId,
            @Schema(description = "Where the item is now") TimeRange from,
            @Schema(description = "A free slot of the same length on the same calendar") TimeRange to,
            @Schema(description = "clears: no more than the capacity overlap once it moved; reduces: the clash stays, smaller",
                    allowableValues = {"clears", "reduces"}) String effect,
            @Schema(example = "Move 'Gala' to 2026-12-01T16:00:00Z; the conflict clears") String description) {
    }

    /** Nothing for a conflict whose clash no longer holds, or one no person can act on any more. */
    public Mono<List<Suggestion>> of(ConflictView conflict, Instant now) {
        if (!conflict.holds() || conflict.status() == ConflictStatus.RESOLVED || conflict.status() == ConflictStatus.DISMISSED
                || conflict.start() == null || conflict.end() == null || conflict.capacity() == null) {
            return Mono.just(List.of());
        }
        List<ConflictView.Entry> movable = conflict.entries().stream().filter(entry -> entry.kind() == ConflictEntryKind.ITEM).toList();
        if (movable.isEmpty()) {
            return Mono.just(List.of());
        }
        Instant searchFrom = now.isAfter(conflict.start()) ? now : conflict.start();
        TimeRange search = new TimeRange(searchFrom, searchFrom.plus(SEARCH));
        Duration longest = movable.stream().map(entry -> Duration.between(entry.start(), entry.end()))
                .max(Comparator.naturalOrder()).orElseThrow();
        TimeRange loaded = new TimeRange(search.start().minus(BUFFER), search.end().plus(longest).plus(BUFFER));
        return calendars.find(conflict.calendarId())
                .flatMap(calendar -> load.entries(List.of(calendar.id()), loaded)
                        .map(entries -> suggest(conflict, calendar, movable, entries.get(calendar.id()), search, loaded)))
                .defaultIfEmpty(List.of());
    }

    private static List<Suggestion> suggest(ConflictView conflict, CalendarView calendar, List<ConflictView.Entry> movable,
                                            List<TimeRange> onCalendar, TimeRange search, TimeRange loaded) {
        List<Suggestion> suggestions = new ArrayList<>();
        for (ConflictView.Entry entry : movable) {
            TimeRange now = new TimeRange(entry.start(), entry.end());
            List<TimeRange> others = new ArrayList<>(onCalendar);
            others.remove(now);
            List<TimeRange> full = Occupancy.atCapacity(others, calendar.capacity(), loaded);
            SlotGrid grid = new SlotGrid(calendar.timezone(), INCREMENT, now.duration());
            String effect = effectOfMoving(conflict, entry);
            grid.free(search, BUFFER, full).stream()
                    .filter(slot -> !slot.overlaps(new TimeRange(conflict.start(), conflict.end())))
                    .limit(PER_ENTRY)
                    .forEach(slot -> suggestions.add(new Suggestion(entry.entryId(), now, slot, effect,
                            "Move '" + entry.title() + "' to " + slot.start() + "; the conflict "
                                    + (effect.equals("clears") ? "clears" : "stays, with one entry fewer"))));
        }
        return suggestions;
    }

    /** Whether the other entries of the conflict, without this one, still overlap beyond the capacity. */
    static String effectOfMoving(ConflictView conflict, ConflictView.Entry moved) {
        List<TimeRange> rest = conflict.entries().stream().filter(entry -> entry != moved)
                .map(entry -> new TimeRange(entry.start(), entry.end())).toList();
        TimeRange window = new TimeRange(conflict.start(), conflict.end());
        return Occupancy.atCapacity(rest, conflict.capacity() + 1, window).isEmpty() ? "clears" : "reduces";
    }
}
