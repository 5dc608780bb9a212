package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.query.access.PrivateRules;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.MapKeys;

/**
 * The documents an unfiltered window is counted from: for one calendar, that calendar's day documents projected to
 * their summary; for all calendars, the window-day documents projected to per-queue counts and totals. In both cases a
 * read by {@code _id} of the UTC days of the window, at most 366 documents however many entries they hold. The few
 * split slots (cut by {@code from}, {@code till} or an odd historical offset) are counted entry by entry from the
 * copies grouped under that slot, projected alone. Also the revisions of those documents, against which a kept
 * answer is checked.
 */
final class WindowDocuments {

    private static final List<String> DAY_AND_CALENDAR = List.of(CalendarDayCodec.DAY, CalendarDayCodec.CALENDAR_ID, Locks.FIELD);
    private static final List<String> LOCK = List.of(Locks.FIELD);
    /** What a window over all calendars counts from a window day, with its revision. */
    private static final List<String> WINDOW_DAY_COUNTS = List.of(WindowDayCodec.COUNTS, WindowDayCodec.ALL, Locks.FIELD);

    private final CalendarDays calendarDays;
    private final WindowDays windowDays;

    WindowDocuments(CalendarDays calendarDays, WindowDays windowDays) {
        this.calendarDays = calendarDays;
        this.windowDays = windowDays;
    }

    /** By the id of each document a window of {@code query} reads for its counts, the UTC day it holds. */
    static Map<String, LocalDate> documentDays(WindowAnswers.Query query, SlotPlan plan) {
        Map<String, LocalDate> days = new HashMap<>();
        for (LocalDate day : plan.days()) {
            days.put(documentId(query, day), day);
        }
        return days;
    }

    /**
     * The document a window counts {@code day} from: the window day over all calendars (over the tenant's in multi-tenant
     * mode), or the queue's own day.
     */
    private static String documentId(WindowAnswers.Query query, LocalDate day) {
        return query.queue() == null ? WindowDay.id(query.tenant(), day) : CalendarDay.id(query.queue(), day);
    }

    /** The documents with these ids, window days over all calendars or {@code queue}'s calendar days, with the fields named. */
    Flux<Document> documents(@Nullable String queue, List<String> ids, List<String> fields) {
        return queue == null ? windowDays.find(ids, fields) : calendarDays.find(ids, fields);
    }

    /** The revisions a kept answer's documents hold now: those of its days, of its split days, and of the rule index. */
    record Revisions(Map<String, String> windowDays, Map<String, String> splitDays, String ruleIndex) {

        /** Whether every document the answer was read from, and only those, still hold the revisions it was read at. */
        boolean match(WindowAnswers.Answer answer) {
            return windowDays.equals(answer.windowDays()) && splitDays.equals(answer.splitDays())
                    && ruleIndex.equals(answer.ruleIndex());
        }
    }

    /**
     * The revisions of the answer's documents now, with the rule index's as the check read it first: those of the days
     * in {@code changedDays} (of every day when it is empty) and of the split days are read; every other day holds the
     * revision the answer was read at.
     */
    Mono<Revisions> revisions(WindowAnswers.Query query, WindowAnswers.Answer cached, Optional<Set<LocalDate>> changedDays,
                                      String ruleIndexRevision) {
        List<String> ids = UtcSlots.daysOverlapping(query.spec().from(), query.spec().till()).stream()
                .filter(day -> changedDays.map(changed -> changed.contains(day)).orElse(true))
                .map(day -> documentId(query, day))
                .toList();
        Mono<Map<String, String>> read = ids.isEmpty() ? Mono.just(Map.of()) : locks(documents(query.queue(), ids, LOCK));
        Mono<Map<String, String>> split = cached.splitDays().isEmpty()
                ? Mono.just(Map.of())
                : locks(calendarDays.find(List.copyOf(cached.splitDays().keySet()), LOCK));
        return Mono.zip(read, split).map(revisions -> {
            if (changedDays.isEmpty()) {
                return new Revisions(revisions.getT1(), revisions.getT2(), ruleIndexRevision);
            }
            Map<String, String> windowDays = new HashMap<>(cached.windowDays());
            for (String id : ids) {
                String revision = revisions.getT1().get(id);
                if (revision == null) {
                    windowDays.remove(id);
                } else {
                    windowDays.put(id, revision);
                }
            }
            return new Revisions(windowDays, revisions.getT2(), ruleIndexRevision);
        });
    }

    private static Mono<Map<String, String>> locks(Flux<Document> documents) {
        return documents.collectMap(document -> document.getString("_id"), document -> document.getString(Locks.FIELD));
    }

    Mono<Void> oneCalendar(String calendarId, BucketGrid grid, SlotPlan plan, Map<String, String> read,
                                   BiConsumer<String, DayCounts> keepDay, PrivateRules rules) {
        List<String> ids = plan.days().stream().map(day -> CalendarDay.id(calendarId, day)).toList();
        List<String> fields = new ArrayList<>(List.of(CalendarDayCodec.DAY, CalendarDayCodec.SUMMARY, Locks.FIELD));
        fields.addAll(slotGroups(plan.splitSlots()));
        return calendarDays.find(ids, fields)
                .doOnNext(document -> {
                    String id = document.getString("_id");
                    read.put(id, document.getString(Locks.FIELD));
                    LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                    DayCounts counts = DayCounts.calendarDay(document);
                    keepDay.accept(id, counts);
                    int[] buckets = plan.bucketsOf(day);
                    counts.addTo(grid, buckets, calendarId, 1, split -> { }, rules);
                    addSplitEntries(grid, buckets, day, calendarId, document, rules);
                })
                .then();
    }

    /** The window over all calendars of {@code query} (a query without a queue): its tenant's, less those it hides. */
    Mono<Void> allCalendars(WindowAnswers.Query query, BucketGrid grid, SlotPlan plan, Map<String, String> read, Map<String, String> split,
                                    BiConsumer<String, DayCounts> keepDay, PrivateRules rules) {
        List<String> ids = plan.days().stream().map(day -> documentId(query, day)).toList();
        Set<String> splitDays = new LinkedHashSet<>();
        return windowDays.find(ids, windowDayFields(query.hidden()))
                .doOnNext(document -> {
                    String id = document.getString("_id");
                    read.put(id, document.getString(Locks.FIELD));
                    LocalDate day = WindowDay.dayOf(id);
                    DayCounts counts = DayCounts.windowDay(document, query.hidden());
                    keepDay.accept(id, counts);
                    counts.addTo(grid, plan.bucketsOf(day), null, 1, calendarId -> splitDays.add(CalendarDay.id(calendarId, day)), rules);
                })
                .then(Mono.defer(() -> {
                    List<String> fields = new ArrayList<>(DAY_AND_CALENDAR);
                    fields.addAll(slotGroups(plan.splitSlots()));
                    return calendarDays.find(List.copyOf(splitDays), fields)
                            .doOnNext(document -> {
                                split.put(document.getString("_id"), document.getString(Locks.FIELD));
                                LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                                addSplitEntries(grid, plan.bucketsOf(day), day, document.getString(CalendarDayCodec.CALENDAR_ID), document,
                                        rules);
                            })
                            .then();
                }));
    }

    /** The counts of a window day, and with calendars hidden the summaries of those calendars only, to take them away. */
    static List<String> windowDayFields(Set<String> hidden) {
        if (hidden.isEmpty()) {
            return WINDOW_DAY_COUNTS;
        }
        List<String> fields = new ArrayList<>(WINDOW_DAY_COUNTS);
        hidden.forEach(calendarId -> fields.add(WindowDayCodec.CALENDARS + '.' + MapKeys.encode(calendarId)));
        return fields;
    }

    /** The entries of the day's split slots, counted one by one (the grid drops those outside the window). */
    private static void addSplitEntries(BucketGrid grid, int[] buckets, LocalDate day, String calendarId, Document document,
                                        PrivateRules rules) {
        for (EntryCopy copy : CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class))) {
            if (UtcSlots.dayOf(copy.start()).equals(day) && buckets[UtcSlots.slotOf(copy.start())] == SlotPlan.SPLIT) {
                grid.add(CountedTypes.of(copy, rules).timing(calendarId));
            }
        }
    }

    private static List<String> slotGroups(Set<Integer> slots) {
        return slots.stream().map(slot -> CalendarDayCodec.ENTRIES + '.' + CalendarDayCodec.slotGroup(slot)).toList();
    }
}
