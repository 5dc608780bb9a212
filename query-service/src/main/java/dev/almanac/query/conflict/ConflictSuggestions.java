package dev.almanac.query.conflict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.conflict.CapacityWarnings;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.query.action.Action;
import dev.almanac.query.availability.CalendarLoad;
import dev.almanac.query.availability.Occupancy;
import dev.almanac.query.availability.ResourceLoad;
import dev.almanac.query.availability.SlotGrid;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.resource.ResourceView;
import dev.almanac.query.resource.Resources;

/**
 * Suggested resolutions of a conflict (issue 10): for each one-off item in it, the next free slots
 * on its calendar, on the free-slot grid of SCH-032 and SCH-034 (30 minutes in the calendar's zone,
 * a 15-minute buffer), that would take the item out of the clash, with the effect of each move.
 * <ul>
 *   <li>Over a calendar's capacity: slots where the calendar has room for the item.</li>
 *   <li>An SCH-022 warning: slots where the calendar, with the item, stays under 80 % of its capacity.</li>
 *   <li>A resource booked twice: slots where the item's calendar has room and the resource is neither
 *       booked by another item nor unavailable.</li>
 *   <li>A booking while the resource is unavailable: the same, and the move always clears it.</li>
 * </ul>
 * Occurrences are not suggested: they move with their rule. An orphaned link has no slot that clears it:
 * its follower is refused a move of its own while linked, and the pair is repaired on the command side, by
 * unlinking it and, if wanted, linking it again, which puts the follower at the offset (ADR 0061). Computed when asked, from the day
 * documents of the calendars and the resource, so they reflect them as they are now.
 */
@Component
public class ConflictSuggestions {

    static final int PER_ENTRY = 3;
    static final Duration SEARCH = Duration.ofDays(7);
    static final Duration INCREMENT = Duration.ofMinutes(30);
    static final Duration BUFFER = Duration.ofMinutes(15);
    /** SCH-005: from this long before an item's start, only a manager moves it. */
    static final Duration MANAGER_NOTICE = Duration.ofHours(2);

    private final Calendars calendars;
    private final CalendarLoad load;
    private final Resources resources;
    private final ResourceLoad resourceLoad;

    public ConflictSuggestions(Calendars calendars, CalendarLoad load, Resources resources, ResourceLoad resourceLoad) {
        this.calendars = calendars;
        this.load = load;
        this.resources = resources;
        this.resourceLoad = resourceLoad;
    }

    /** One way to take an entry out of the conflict. */
    @Schema(name = "ConflictSuggestion")
    public record Suggestion(
            @Schema(example = "item-gala") String entryId,
            @Schema(description = "Where the item is now") TimeRange from,
            @Schema(description = "A free slot of the same length on the same calendar; for a resource conflict, one when the "
                    + "resource is free too") TimeRange to,
            @Schema(description = "clears: the conflict no longer holds once it moved; reduces: the clash stays, smaller",
                    allowableValues = {"clears", "reduces"}) String effect,
            @Schema(example = "Move 'Gala' to 2026-12-01T16:00:00Z; the conflict clears") String description,
            @Schema(description = "The reschedule that makes the move, its body complete, where the caller may move the item: "
                    + "its owner while a scheduler of its calendar, or the calendar's manager (ADR 0090), and from 2 hours "
                    + "before its start a manager (SCH-005); else empty")
            List<Action> actions,
            @JsonIgnore String calendarId) {

        /**
         * With the move offered to a caller who holds {@code role} on the item's calendar, at {@code now}.
         *
         * @param changes whether the caller may change the item, whoever owns it (CallerRoles#changesItem)
         */
        Suggestion offeredTo(@Nullable CalendarRole role, boolean changes, String conflictId, Instant now) {
            boolean moves = role != null && changes && role.includes(CalendarRole.SCHEDULER)
                    && (role.includes(CalendarRole.MANAGER) || now.isBefore(from.start().minus(MANAGER_NOTICE)));
            List<Action> offered = moves ? List.of(Action.post("reschedule", "/api/v1/schedules/" + Action.segment(entryId) + "/reschedule",
                    Map.of("new_time", to.start().toString(), "reason", "Conflict " + conflictId + ": " + description))) : List.of();
            return new Suggestion(entryId, from, to, effect, description, offered, calendarId);
        }

        /** Described by its entry as {@code shown} shows it to the caller: a busy block by its id (ADR 0096). */
        Suggestion describedIn(ConflictView shown) {
            return shown.entries().stream().filter(entry -> entry.entryId().equals(entryId) && entry.busy() != null).findFirst()
                    .map(entry -> new Suggestion(entryId, from, to, effect, describe(shown, entry, to, effect), actions, calendarId))
                    .orElse(this);
        }
    }

    /** What is around the movable items, loaded once for all of them. */
    private record Surroundings(Map<String, CalendarView> calendars, Map<String, List<TimeRange>> onCalendars,
                                List<TimeRange> resourceBookings, List<UnavailableRange> unavailable) {
    }

    /** Nothing for a conflict whose clash no longer holds, or one no person can act on any more. */
    public Mono<List<Suggestion>> of(ConflictView conflict, Instant now) {
        if (!conflict.holds() || conflict.status() == ConflictStatus.RESOLVED || conflict.status() == ConflictStatus.DISMISSED
                || conflict.start() == null || conflict.end() == null || conflict.capacity() == null
                || conflict.type() == ConflictType.ORPHANED_LINK) {
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
        List<String> calendarIds = movable.stream().map(entry -> calendarOf(conflict, entry)).distinct().toList();
        Mono<Map<String, CalendarView>> found = calendars.findAll(calendarIds).collectMap(CalendarView::id, Function.identity());
        Mono<Map<String, List<TimeRange>>> onCalendars = load.load(calendarIds, loaded);
        Mono<Surroundings> surroundings;
        if (conflict.resourceId() == null) {
            surroundings = Mono.zip(found, onCalendars).map(both -> new Surroundings(both.getT1(), both.getT2(), List.of(), List.of()));
        } else {
            String resourceId = conflict.resourceId();
            surroundings = Mono.zip(found, onCalendars,
                    resourceLoad.load(List.of(resourceId), loaded).map(booked -> booked.getOrDefault(resourceId, List.of())),
                    resources.find(resourceId).map(ResourceView::unavailable).defaultIfEmpty(List.of()))
                    .map(all -> new Surroundings(all.getT1(), all.getT2(), all.getT3(), all.getT4()));
        }
        return surroundings.map(around -> suggest(conflict, movable, around, search, loaded));
    }

    private static List<Suggestion> suggest(ConflictView conflict, List<ConflictView.Entry> movable, Surroundings around,
                                            TimeRange search, TimeRange loaded) {
        List<Suggestion> suggestions = new ArrayList<>();
        for (ConflictView.Entry entry : movable) {
            CalendarView calendar = around.calendars().get(calendarOf(conflict, entry));
            if (calendar == null) {
                continue;
            }
            TimeRange now = new TimeRange(entry.start(), entry.end());
            List<TimeRange> others = new ArrayList<>(around.onCalendars().getOrDefault(calendar.id(), List.of()));
            others.remove(now);
            List<TimeRange> blocked = new ArrayList<>(Occupancy.atCapacity(others, roomFor(conflict, calendar), loaded));
            if (conflict.resourceId() != null) {
                List<TimeRange> booked = new ArrayList<>(around.resourceBookings());
                booked.remove(now);
                blocked.addAll(booked);
                around.unavailable().forEach(range -> blocked.add(new TimeRange(range.start(), range.end())));
            }
            List<TimeRange> busy = Occupancy.atCapacity(blocked, 1, loaded);
            SlotGrid grid = new SlotGrid(calendar.timezone(), INCREMENT, now.duration());
            String effect = effectOfMoving(conflict, entry);
            grid.free(search, BUFFER, busy).stream()
                    .filter(slot -> !slot.overlaps(new TimeRange(conflict.start(), conflict.end())))
                    .limit(PER_ENTRY)
                    .forEach(slot -> suggestions.add(new Suggestion(entry.entryId(), now, slot, effect, describe(conflict, entry, slot,
                            effect), List.of(), calendar.id())));
        }
        return suggestions;
    }

    /**
     * How many entries the calendar may already hold where the item goes: fewer than its capacity
     * for a breach or a resource conflict (so the item does not make a new breach), fewer than the
     * SCH-022 threshold less one for a warning (so it does not make a new warning).
     */
    private static int roomFor(ConflictView conflict, CalendarView calendar) {
        if (conflict.type() == ConflictType.CAPACITY_WARNING) {
            return CapacityWarnings.threshold(calendar.capacity()) - 1;
        }
        return calendar.capacity();
    }

    private static String calendarOf(ConflictView conflict, ConflictView.Entry entry) {
        return conflict.bookings().stream().filter(booking -> booking.entryId().equals(entry.entryId()))
                .map(ConflictView.Booking::calendarId).findFirst().orElse(conflict.calendarId());
    }

    private static String describe(ConflictView conflict, ConflictView.Entry entry, TimeRange slot, String effect) {
        String where = conflict.resourceId() == null ? "" : ", when resource " + conflict.resourceId() + " is free";
        String named = entry.busy() == null ? "'" + entry.title() + "'" : entry.entryId();
        return "Move " + named + " to " + slot.start() + where + "; the conflict "
                + (effect.equals("clears") ? "clears" : "stays, with one entry fewer");
    }

    /** Whether what the conflict holds without this entry still makes the conflict. */
    static String effectOfMoving(ConflictView conflict, ConflictView.Entry moved) {
        if (conflict.type() == ConflictType.RESOURCE_UNAVAILABLE) {
            return "clears";
        }
        List<TimeRange> rest = conflict.entries().stream()
                .filter(entry -> entry != moved && entry.kind() != ConflictEntryKind.UNAVAILABILITY)
                .map(entry -> new TimeRange(entry.start(), entry.end())).toList();
        TimeRange window = new TimeRange(conflict.start(), conflict.end());
        int holdsFrom = conflict.type() == ConflictType.CAPACITY_WARNING
                ? CapacityWarnings.threshold(conflict.capacity())
                : conflict.capacity() + 1;
        return Occupancy.atCapacity(rest, holdsFrom, window).isEmpty() ? "clears" : "reduces";
    }
}
