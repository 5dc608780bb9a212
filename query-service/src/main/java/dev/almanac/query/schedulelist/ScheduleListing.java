package dev.almanac.query.schedulelist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.entry.PlacedCopy;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.occurrence.RuleTimelines;

/**
 * Reads one page of the list: the entries that start in a stretch of the range, as key lookups (the hours of
 * {@link StartingHours} across calendars, or one calendar's day documents), beside the rule occurrences computed from the
 * rules' timelines (ADR 0068), so that an occurrence beyond rule-expander's 90-day horizon is listed as one within it.
 * The first stretch is an hour; each next one is four times longer (at most 31 days), until the page is full or the range
 * read, so a page costs about what it holds, filters or not; and only the entries the page needs become views.
 */
@Component
public class ScheduleListing {

    private static final Duration FIRST_STRETCH = Duration.ofHours(1);
    private static final Duration LONGEST_STRETCH = Duration.ofDays(31);

    private final StartingHours startingHours;
    private final CalendarDays calendarDays;
    private final RuleTimelines ruleTimelines;
    private final Calendars calendars;

    public ScheduleListing(StartingHours startingHours, CalendarDays calendarDays, RuleTimelines ruleTimelines, Calendars calendars) {
        this.startingHours = startingHours;
        this.calendarDays = calendarDays;
        this.ruleTimelines = ruleTimelines;
        this.calendars = calendars;
    }

    /**
     * What a page is asked for: {@code calendarId} narrows it to one calendar, which the caller may read; {@code disclosure}
     * says which entries the caller sees whole, and which as busy blocks that no filter by their details matches.
     */
    public record Request(TimeRange range, @Nullable String calendarId, CalendarVisibility visibility, ScheduleFilter filter,
                   @Nullable EntryCursor after, int pageSize, EntryDisclosure disclosure) {
    }

    public Mono<ScheduleList> page(Request request) {
        Instant first = request.after() != null && request.after().start().isAfter(request.range().start())
                ? request.after().start() : request.range().start();
        return ruleTimelines.snapshot().flatMap(snapshot -> collect(request, snapshot, first, FIRST_STRETCH, new ArrayList<>(),
                new HashMap<>())).map(found -> {
                    List<EntryView> entries = found.stream().limit(request.pageSize()).map(Listed::view).toList();
                    String next = found.size() > request.pageSize()
                            ? new EntryCursor(entries.get(entries.size() - 1).start(), entries.get(entries.size() - 1).id()).encode()
                            : null;
                    return new ScheduleList(request.range().start(), request.range().end(), entries, next);
                });
    }

    private record Listed(EntryCopy copy, EntryView view) {
    }

    /** Reads stretch after stretch from {@code from} on until more than a page is found or the range is read. */
    private Mono<List<Listed>> collect(Request request, RuleTimelines.Snapshot snapshot, Instant from, Duration stretch,
                                       List<Listed> found, Map<String, @Nullable CalendarView> calendarsSeen) {
        Instant till = request.range().end();
        if (found.size() > request.pageSize() || !from.isBefore(till)) {
            return Mono.just(found);
        }
        Instant end = from.plus(stretch).isBefore(till) ? from.plus(stretch) : till;
        return stored(request.calendarId(), from, end).map(stored -> {
                    Map<String, PlacedCopy> byId = new LinkedHashMap<>();
                    stored.forEach(placed -> byId.put(placed.copy().id(), placed));
                    // A stored copy (an item, a backfill or catch-up run) wins over a computed one of the same id. Rules whose
                    // occurrences the filter refuses whatever they are (of another type; a priority, tag or status asked that
                    // no occurrence has) are not computed.
                    if (request.filter().mayAcceptOccurrences()) {
                        snapshot.copiesStartingIn(from, end, request.calendarId(), request.filter().type()).forEach(computed -> byId
                                .putIfAbsent(computed.getValue().id(), new PlacedCopy(computed.getKey(), computed.getValue())));
                    }
                    return byId.values().stream()
                            .filter(placed -> !placed.copy().start().isBefore(from) && placed.copy().start().isBefore(end))
                            .filter(placed -> request.calendarId() == null || request.calendarId().equals(placed.calendarId()))
                            .filter(placed -> request.visibility().shows(placed.calendarId()))
                            .filter(placed -> isAfter(placed.copy(), request.after()))
                            .filter(placed -> request.filter().accepts(placed.copy(),
                                    request.disclosure().showsWhole(placed.calendarId(), placed.copy())))
                            .sorted((a, b) -> EntryCopy.BY_START_AND_ID.compare(a.copy(), b.copy()))
                            .toList();
                })
                .flatMap(candidates -> withCalendars(candidates, calendarsSeen, request.pageSize() + 1 - found.size(),
                        request.disclosure()).map(views -> {
                    found.addAll(views);
                    return found;
                }))
                .flatMap(more -> collect(request, snapshot, end, longer(stretch), more, calendarsSeen));
    }

    /**
     * The first {@code wanted} entries, in order, with their calendars' zones; those of a calendar that is gone (deleted,
     * ADR 0084) are left out. The rest of the stretch comes after them, so it is not made into views.
     */
    private Mono<List<Listed>> withCalendars(List<PlacedCopy> candidates, Map<String, @Nullable CalendarView> seen, int wanted,
                                             EntryDisclosure disclosure) {
        Set<String> unseen = new TreeSet<>();
        candidates.forEach(placed -> {
            if (!seen.containsKey(placed.calendarId())) {
                unseen.add(placed.calendarId());
            }
        });
        Mono<Void> lookups = unseen.isEmpty() ? Mono.empty() : calendars.findAll(unseen)
                .doOnNext(calendar -> seen.put(calendar.id(), calendar))
                .then(Mono.fromRunnable(() -> unseen.forEach(id -> seen.putIfAbsent(id, null))));
        return lookups.then(Mono.fromSupplier(() -> {
            List<Listed> listed = new ArrayList<>();
            for (PlacedCopy placed : candidates) {
                if (listed.size() >= wanted) {
                    break;
                }
                CalendarView calendar = seen.get(placed.calendarId());
                if (calendar != null) {
                    listed.add(new Listed(placed.copy(), disclosure.shown(placed.copy(), placed.copy().view(calendar.id(),
                            calendar.timezone()))));
                }
            }
            return listed;
        }));
    }

    /** The stored copies that may start in {@code [from, end)}: of every calendar by the hour, or of one by its days. */
    private Mono<List<PlacedCopy>> stored(@Nullable String calendarId, Instant from, Instant end) {
        if (calendarId == null) {
            return startingHours.startingIn(from, end).collectList();
        }
        List<String> fields = List.of(CalendarDayCodec.ENTRIES);
        return Flux.fromIterable(UtcSlots.daysOverlapping(from, end))
                .concatMap(day -> calendarDays.find(List.of(calendarId), List.of(day), fields))
                .flatMapIterable(document -> copiesOf(calendarId, document))
                .collectList();
    }

    private static List<PlacedCopy> copiesOf(String calendarId, Document document) {
        Collection<EntryCopy> copies = CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class));
        return copies.stream().map(copy -> new PlacedCopy(calendarId, copy)).toList();
    }

    private static boolean isAfter(EntryCopy copy, @Nullable EntryCursor after) {
        if (after == null) {
            return true;
        }
        int byStart = copy.start().compareTo(after.start());
        return byStart > 0 || byStart == 0 && copy.id().compareTo(after.id()) > 0;
    }

    private static Duration longer(Duration stretch) {
        Duration next = stretch.multipliedBy(4);
        return next.compareTo(LONGEST_STRETCH) > 0 ? LONGEST_STRETCH : next;
    }
}
