package dev.almanac.query.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.horizon.BeyondHorizon;
import dev.almanac.query.horizon.VirtualDay;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.MapKeys;

/**
 * Answers a window from the pre-aggregated slot summaries. For one calendar it reads that
 * calendar's day documents, projected to their summary; for all calendars, the window-day
 * documents, projected to per-queue counts and totals: in both cases a read by {@code _id} of the
 * UTC days of {@code [from, till)}, at most 366 documents however many entries they hold.
 * Slots roll up into {@link LocalPeriods} buckets as {@link SlotPlan} says; the few split slots
 * (cut by {@code from}, {@code till} or an odd historical offset) are counted entry by entry from
 * the copies grouped under that slot, projected alone.
 *
 * <p>Rule occurrences beyond the materialised horizon count too: {@link BeyondHorizon} gives them
 * pre-counted per UTC day and slot, in the same shape, and they roll up the same way (ADR 0019).
 *
 * <p>Recent answers are kept with the revision of every document they were read from
 * ({@link WindowAnswers}), the rule index included; asking again first reads just those
 * revisions, and only a change makes the window be computed again. A request without a
 * consistency token is served a kept answer that such a check found current less than
 * {@code almanac.query.window-recheck} ago without checking again (ADR 0035).
 */
@Component
public class ScheduleWindows implements MeterBinder {

    /** How long a kept answer found current is served to requests without a consistency token before it is checked again. */
    static final String DEFAULT_RECHECK = "20ms";

    private static final List<String> DAY_AND_CALENDAR = List.of(CalendarDayCodec.DAY, CalendarDayCodec.CALENDAR_ID, Locks.FIELD);
    private static final List<String> LOCK = List.of(Locks.FIELD);
    /** What a window over all calendars counts from a window day, with its revision. */
    private static final List<String> WINDOW_DAY_COUNTS = List.of(WindowDayCodec.COUNTS, WindowDayCodec.ALL, Locks.FIELD);
    private static final List<String> ENTRIES_OF_DAY = List.of(CalendarDayCodec.DAY, CalendarDayCodec.CALENDAR_ID, CalendarDayCodec.ENTRIES);

    private final CalendarDays calendarDays;
    private final WindowDays windowDays;
    private final WindowRevisions windowRevisions;
    private final BeyondHorizon beyondHorizon;
    private final WindowAnswers answers;
    private final long recheckNanos;
    private final AtomicLong currentAnswers = new AtomicLong();
    private final AtomicLong updatedAnswers = new AtomicLong();
    private final AtomicLong computedAnswers = new AtomicLong();
    private final AtomicLong scopeChecks = new AtomicLong();
    private final AtomicLong changeChecks = new AtomicLong();
    private final AtomicLong dayChecks = new AtomicLong();

    /** Without a recheck interval: every kept answer is checked before it is served. */
    public ScheduleWindows(CalendarDays calendarDays, WindowDays windowDays, WindowRevisions windowRevisions, BeyondHorizon beyondHorizon,
                           int cacheSize) {
        this(calendarDays, windowDays, windowRevisions, beyondHorizon, cacheSize, Duration.ZERO);
    }

    @Autowired
    public ScheduleWindows(CalendarDays calendarDays, WindowDays windowDays, WindowRevisions windowRevisions, BeyondHorizon beyondHorizon,
                           @Value("${almanac.query.window-cache-size:256}") int cacheSize,
                           @Value("${almanac.query.window-recheck:" + DEFAULT_RECHECK + "}") Duration recheck) {
        this.calendarDays = calendarDays;
        this.windowDays = windowDays;
        this.windowRevisions = windowRevisions;
        this.beyondHorizon = beyondHorizon;
        this.answers = new WindowAnswers(cacheSize);
        this.recheckNanos = recheck.toNanos();
    }

    /**
     * The window of the entries that pass {@code filter}. The slot summaries do not keep types per
     * second, tags or priorities, so a filtered window counts entry by entry: it reads the day
     * documents of every calendar with something starting in the window (or of {@code queue}), and
     * costs in proportion to the entries in the window, not to its days.
     */
    public Mono<ScheduleWindow> window(WindowSpec spec, @Nullable String queue, WindowFilter filter, CalendarVisibility visibility) {
        if (filter.isNone()) {
            return answer(spec, queue, visibility, false).map(WindowAnswers.Answer::window);
        }
        List<LocalDate> days = UtcSlots.daysOverlapping(spec.from(), spec.till());
        Mono<? extends Collection<String>> calendars = queue != null ? Mono.just(List.of(queue)) : windowDays.calendarsWithStarts(days);
        return Mono.zip(calendars, beyondHorizon.snapshot()).flatMap(read -> {
            Collection<String> calendarIds = read.getT1().stream().filter(visibility::shows).toList();
            BucketGrid grid = BucketGrid.over(spec);
            if (filter.tag() == null && filter.priority() == null) {
                // Occurrences carry no tags or priority, so only a type filter can let them in.
                addBeyondHorizonOfType(grid, read.getT2(), days, queue, filter.type(), visibility);
            }
            return calendarDays.find(calendarIds, days, ENTRIES_OF_DAY)
                    .doOnNext(document -> {
                        LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                        String calendarId = document.getString(CalendarDayCodec.CALENDAR_ID);
                        for (EntryCopy copy : CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class))) {
                            // Each entry once: from the day it starts on; copies carried into later days are skipped.
                            if (UtcSlots.dayOf(copy.start()).equals(day) && filter.accepts(copy)) {
                                grid.add(copy.timing(calendarId));
                            }
                        }
                    })
                    .then(Mono.fromSupplier(grid::toScheduleWindow));
        });
    }

    /** Whether {@code window}'s answer is kept, so that its JSON is written once and held ({@link #body}). */
    public boolean isKept(ScheduleWindow window) {
        return answers.isKept(window);
    }

    /** The JSON of {@code window}, held with it while its answer is kept ({@link WindowAnswers#body}). */
    public byte[] body(ScheduleWindow window, Function<ScheduleWindow, byte[]> writer) {
        return answers.body(window, writer);
    }

    /** The same JSON gzipped, held with {@code window} while its answer is kept ({@link WindowAnswers#gzippedBody}). */
    public byte[] gzippedBody(ScheduleWindow window, Function<ScheduleWindow, byte[]> writer) {
        return answers.gzippedBody(window, writer);
    }

    /** The window over every calendar, or over the calendar {@code queue} only. */
    public Mono<ScheduleWindow> window(WindowSpec spec, @Nullable String queue) {
        return answer(spec, queue, CalendarVisibility.EVERY_CALENDAR, false).map(WindowAnswers.Answer::window);
    }

    /**
     * The same window with its entity tag, which comes from the revisions read, not from the body.
     * With {@code recentWillDo}, a kept answer found current less than {@code window-recheck} ago is
     * served without reading its revisions again. Without {@code queue}, the calendars {@code visibility} hides are
     * left out; callers who see the same calendars share kept answers.
     */
    Mono<WindowAnswers.Answer> answer(WindowSpec spec, @Nullable String queue, CalendarVisibility visibility, boolean recentWillDo) {
        WindowAnswers.Query query = new WindowAnswers.Query(spec, queue, visibility.hidden());
        return Mono.defer(() -> {
            long now = System.nanoTime();
            if (!recentWillDo || recheckNanos == 0) {
                return checked(query, now);
            }
            // A check that began within the interval will do as well as an answer found current then: many clients
            // asking at once share one check rather than each making its own when the interval runs out.
            return answers.currentOrChecking(query, now - recheckNanos, () -> checked(query, now), now)
                    // On another thread, as every answer after a read of MongoDB is: answered on the thread that read the
                    // request, the next request on a kept-alive connection was left unread (KeptWindowKeepAliveIT).
                    .publishOn(Schedulers.parallel());
        });
    }

    /**
     * The kept answer if its scope's revision and the rule index's are those it was last found current with; else if a
     * read of the revisions of the days that may have changed finds them unchanged; else the kept answer brought up to
     * date by the days that changed, where it can be; else the window computed again. The days that may have changed
     * are those the scope's log gives for the revisions after the kept one, or, where it cannot, every day. The
     * scope's revision is read before anything else, so that an answer kept with it holds every day written before it
     * (ADR 0035 addenda of 2026-11-26).
     */
    private Mono<WindowAnswers.Answer> checked(WindowAnswers.Query query, long now) {
        if (!answers.keepsAny()) {
            return computed(query, now, WindowRevisions.NONE);
        }
        return Mono.zip(windowRevisions.scope(WindowRevisions.scopeOf(query.queue())), beyondHorizon.revision()).flatMap(read -> {
            WindowRevisions.Scope scope = read.getT1();
            String scopeRevision = scope.revision();
            return answers.find(query)
                    .map(cached -> {
                        if (answers.scopeUnchanged(query, cached, scopeRevision) && read.getT2().equals(cached.beyondHorizon())) {
                            scopeChecks.incrementAndGet();
                            return Mono.just(current(query, cached, now, scopeRevision));
                        }
                        Optional<Set<LocalDate>> changedDays = answers.scopeRevision(query, cached).flatMap(scope::daysChangedSince);
                        (changedDays.isPresent() ? changeChecks : dayChecks).incrementAndGet();
                        return revisions(query, cached, changedDays, read.getT2()).flatMap(found -> found.match(cached)
                                ? Mono.just(current(query, cached, now, scopeRevision))
                                : updated(query, cached, found, now, scopeRevision));
                    })
                    .orElseGet(() -> computed(query, now, scopeRevision));
        });
    }

    private WindowAnswers.Answer current(WindowAnswers.Query query, WindowAnswers.Answer cached, long checkedAt, String scopeRevision) {
        currentAnswers.incrementAndGet();
        answers.current(query, cached, checkedAt, scopeRevision);
        return cached;
    }

    private Mono<WindowAnswers.Answer> computed(WindowAnswers.Query query, long startedAt, String scopeRevision) {
        return beyondHorizon.snapshot().flatMap(beyond -> {
            BucketGrid grid = BucketGrid.over(query.spec());
            SlotPlan plan = SlotPlan.of(grid);
            Map<String, String> read = new HashMap<>();
            Map<String, String> split = new HashMap<>();
            Map<String, KeptDays.Day> days = new HashMap<>();
            // With no answers kept there is nothing to update, and the days' counts are not held past their day.
            BiConsumer<String, DayCounts> keepDay = answers.keepsAny() ? (id, counts) -> days.put(id, counts.kept()) : (id, counts) -> { };
            Mono<Void> counted = query.queue() == null
                    ? allCalendars(grid, plan, read, split, keepDay, query.hidden())
                    : oneCalendar(query.queue(), grid, plan, read, keepDay);
            return counted.then(Mono.fromSupplier(() -> {
                addBeyondHorizon(grid, plan, beyond, query.queue(), query.hidden());
                KeptDays kept = answers.keepsAny() ? new KeptDays(grid, plan, days, documentDays(query, plan)) : null;
                return WindowAnswers.Answer.of(query, grid.toScheduleWindow(), read, split, beyond.revision(), kept);
            }));
        }).doOnNext(answer -> {
            computedAnswers.incrementAndGet();
            answers.keep(query, answer, startedAt, scopeRevision);
        });
    }

    /**
     * The kept answer brought up to date: the counts of each day whose document changed are taken away from a copy of
     * its grid, as they were read, and added as they read now. Every other day, the split days and the occurrences
     * beyond the horizon must be as the answer read them, and the changed days must count in whole slots only;
     * otherwise, or when most days changed, the window is computed again. A day so updated counts as it would in a
     * window computed from the same documents, so the answer and its tag are those a computation would give.
     */
    private Mono<WindowAnswers.Answer> updated(WindowAnswers.Query query, WindowAnswers.Answer cached, Revisions found, long startedAt,
                                               String scopeRevision) {
        KeptDays kept = cached.days();
        if (kept == null || !found.splitDays().equals(cached.splitDays()) || !found.beyondHorizon().equals(cached.beyondHorizon())) {
            return computed(query, startedAt, scopeRevision);
        }
        Set<String> changed = new LinkedHashSet<>();
        found.windowDays().forEach((id, revision) -> {
            if (!Objects.equals(revision, cached.windowDays().get(id))) {
                changed.add(id);
            }
        });
        cached.windowDays().keySet().stream().filter(id -> !found.windowDays().containsKey(id)).forEach(changed::add);
        if (changed.size() * 2 > kept.dayOf().size() || !changed.stream().allMatch(kept::wholeSlotsOnly)) {
            return computed(query, startedAt, scopeRevision);
        }
        List<String> fields = query.queue() == null ? windowDayFields(query.hidden()) : List.of(CalendarDayCodec.SUMMARY, Locks.FIELD);
        return documents(query.queue(), List.copyOf(changed), fields).collectMap(document -> document.getString("_id")).map(read -> {
            BucketGrid grid = kept.grid().copy();
            Map<String, String> revisions = new HashMap<>(cached.windowDays());
            Map<String, KeptDays.Day> days = new HashMap<>(kept.days());
            for (String id : changed) {
                int[] buckets = kept.plan().bucketsOf(kept.dayOf().get(id));
                KeptDays.Day before = days.remove(id);
                if (before != null) {
                    addDay(grid, buckets, new DayCounts(before.decodedSummary(), before.summary(), before.calendarCounts()), query.queue(),
                            -1, calendarId -> { });
                }
                revisions.remove(id);
                Document document = read.get(id);
                if (document != null) {
                    DayCounts now = query.queue() == null ? windowDay(document, query.hidden()) : calendarDay(document);
                    addDay(grid, buckets, now, query.queue(), 1, calendarId -> { });
                    days.put(id, now.kept());
                    revisions.put(id, document.getString(Locks.FIELD));
                }
            }
            KeptDays updated = new KeptDays(grid, kept.plan(), days, kept.dayOf());
            return WindowAnswers.Answer.of(query, grid.toScheduleWindow(), revisions, cached.splitDays(), cached.beyondHorizon(), updated);
        }).doOnNext(answer -> {
            updatedAnswers.incrementAndGet();
            answers.keep(query, answer, startedAt, scopeRevision);
        });
    }

    /** By the id of each document a window of {@code query} reads for its counts, the UTC day it holds. */
    private static Map<String, LocalDate> documentDays(WindowAnswers.Query query, SlotPlan plan) {
        Map<String, LocalDate> days = new HashMap<>();
        for (LocalDate day : plan.days()) {
            days.put(documentId(query.queue(), day), day);
        }
        return days;
    }

    /** The document a window counts {@code day} from: the window day over all calendars, or {@code queue}'s own day. */
    private static String documentId(@Nullable String queue, LocalDate day) {
        return queue == null ? WindowDay.id(day) : CalendarDay.id(queue, day);
    }

    /** The documents with these ids, window days over all calendars or {@code queue}'s calendar days, with the fields named. */
    private Flux<Document> documents(@Nullable String queue, List<String> ids, List<String> fields) {
        return queue == null ? windowDays.find(ids, fields) : calendarDays.find(ids, fields);
    }

    /**
     * How many checks of kept answers read their scope's revision alone, how many read the revisions of every day too,
     * and how many only those of the days their scope's log gave.
     */
    long[] checks() {
        return new long[] {scopeChecks.get(), dayChecks.get(), changeChecks.get()};
    }

    /** How many kept answers were brought up to date by the days that changed rather than computed again. */
    long updates() {
        return updatedAnswers.get();
    }

    /**
     * What an operator sees of the unfiltered windows: of the answers checked or made, how many were kept ones found
     * current, kept ones updated by the days that changed, and computed from every day. Answers served within the
     * recheck interval without a check are not counted.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (Map.Entry<String, AtomicLong> how : Map.of("current", currentAnswers, "updated", updatedAnswers, "computed", computedAnswers).entrySet()) {
            FunctionCounter.builder("almanac.query.window.answers", how.getValue(), AtomicLong::get)
                    .description("Unfiltered windows answered after a check: kept and current, kept and updated, or computed")
                    .tag("how", how.getKey())
                    .register(registry);
        }
        for (Map.Entry<String, AtomicLong> read : Map.of("scope", scopeChecks, "days", dayChecks, "changed-days", changeChecks).entrySet()) {
            FunctionCounter.builder("almanac.query.window.checks", read.getValue(), AtomicLong::get)
                    .description("Checks of kept windows: by their scope's revision alone, by the revisions of every day, "
                            + "or by those of the days their scope's log says changed")
                    .tag("read", read.getKey())
                    .register(registry);
        }
    }

    /** The revisions a kept answer's documents hold now: those of its days, of its split days, and of the rule index. */
    private record Revisions(Map<String, String> windowDays, Map<String, String> splitDays, String beyondHorizon) {

        /** Whether every document the answer was read from, and only those, still hold the revisions it was read at. */
        boolean match(WindowAnswers.Answer answer) {
            return windowDays.equals(answer.windowDays()) && splitDays.equals(answer.splitDays())
                    && beyondHorizon.equals(answer.beyondHorizon());
        }
    }

    /**
     * The revisions of the answer's documents now, with the rule index's as the check read it first: those of the days
     * in {@code changedDays} (of every day when it is empty) and of the split days are read; every other day holds the
     * revision the answer was read at.
     */
    private Mono<Revisions> revisions(WindowAnswers.Query query, WindowAnswers.Answer cached, Optional<Set<LocalDate>> changedDays,
                                      String beyondHorizonRevision) {
        List<String> ids = UtcSlots.daysOverlapping(query.spec().from(), query.spec().till()).stream()
                .filter(day -> changedDays.map(changed -> changed.contains(day)).orElse(true))
                .map(day -> documentId(query.queue(), day))
                .toList();
        Mono<Map<String, String>> read = ids.isEmpty() ? Mono.just(Map.of()) : locks(documents(query.queue(), ids, LOCK));
        Mono<Map<String, String>> split = cached.splitDays().isEmpty()
                ? Mono.just(Map.of())
                : locks(calendarDays.find(List.copyOf(cached.splitDays().keySet()), LOCK));
        return Mono.zip(read, split).map(revisions -> {
            if (changedDays.isEmpty()) {
                return new Revisions(revisions.getT1(), revisions.getT2(), beyondHorizonRevision);
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
            return new Revisions(windowDays, revisions.getT2(), beyondHorizonRevision);
        });
    }

    private static Mono<Map<String, String>> locks(Flux<Document> documents) {
        return documents.collectMap(document -> document.getString("_id"), document -> document.getString(Locks.FIELD));
    }

    private Mono<Void> oneCalendar(String calendarId, BucketGrid grid, SlotPlan plan, Map<String, String> read,
                                   BiConsumer<String, DayCounts> keepDay) {
        List<String> ids = plan.days().stream().map(day -> documentId(calendarId, day)).toList();
        List<String> fields = new ArrayList<>(List.of(CalendarDayCodec.DAY, CalendarDayCodec.SUMMARY, Locks.FIELD));
        fields.addAll(slotGroups(plan.splitSlots()));
        return calendarDays.find(ids, fields)
                .doOnNext(document -> {
                    String id = document.getString("_id");
                    read.put(id, document.getString(Locks.FIELD));
                    LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                    DayCounts counts = calendarDay(document);
                    keepDay.accept(id, counts);
                    int[] buckets = plan.bucketsOf(day);
                    addDay(grid, buckets, counts, calendarId, 1, split -> { });
                    addSplitEntries(grid, buckets, day, calendarId, document);
                })
                .then();
    }

    private Mono<Void> allCalendars(BucketGrid grid, SlotPlan plan, Map<String, String> read, Map<String, String> split,
                                    BiConsumer<String, DayCounts> keepDay, Set<String> hidden) {
        List<String> ids = plan.days().stream().map(day -> documentId(null, day)).toList();
        Set<String> splitDays = new LinkedHashSet<>();
        return windowDays.find(ids, windowDayFields(hidden))
                .doOnNext(document -> {
                    String id = document.getString("_id");
                    read.put(id, document.getString(Locks.FIELD));
                    LocalDate day = LocalDate.parse(id);
                    DayCounts counts = windowDay(document, hidden);
                    keepDay.accept(id, counts);
                    addDay(grid, plan.bucketsOf(day), counts, null, 1, calendarId -> splitDays.add(CalendarDay.id(calendarId, day)));
                })
                .then(Mono.defer(() -> {
                    List<String> fields = new ArrayList<>(DAY_AND_CALENDAR);
                    fields.addAll(slotGroups(plan.splitSlots()));
                    return calendarDays.find(List.copyOf(splitDays), fields)
                            .doOnNext(document -> {
                                split.put(document.getString("_id"), document.getString(Locks.FIELD));
                                LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                                addSplitEntries(grid, plan.bucketsOf(day), day, document.getString(CalendarDayCodec.CALENDAR_ID), document);
                            })
                            .then();
                }));
    }

    /** The counts of a window day, and with calendars hidden the summaries of those calendars only, to take them away. */
    private static List<String> windowDayFields(Set<String> hidden) {
        if (hidden.isEmpty()) {
            return WINDOW_DAY_COUNTS;
        }
        List<String> fields = new ArrayList<>(WINDOW_DAY_COUNTS);
        hidden.forEach(calendarId -> fields.add(WindowDayCodec.CALENDARS + '.' + MapKeys.encode(calendarId)));
        return fields;
    }

    /**
     * A window day's counts: as stored for every calendar, or, with calendars hidden, the hidden calendars' summaries
     * taken away from them, so that nothing of a hidden calendar reaches the totals, the types, the seconds or the
     * queues. Taking away the few hidden calendars costs less than adding up again the many others.
     */
    private static DayCounts windowDay(Document document, Set<String> hidden) {
        byte[] allBytes = document.get(WindowDayCodec.ALL, Binary.class).getData();
        SlotSummary all = SlotSummary.fromBytes(allBytes);
        byte[] counts = document.get(WindowDayCodec.COUNTS, Binary.class).getData();
        Document hiddenSummaries = hidden.isEmpty() ? null : document.get(WindowDayCodec.CALENDARS, Document.class);
        if (hiddenSummaries == null || hiddenSummaries.isEmpty()) {
            return new DayCounts(all, allBytes, counts);
        }
        SlotSummary.Builder shown = SlotSummary.builder().addAll(all);
        hiddenSummaries.values().forEach(summary -> shown.subtractAll(SlotSummary.fromBytes(((Binary) summary).getData())));
        return new DayCounts(shown.build(), null, CalendarSlotCounts.without(counts, hidden));
    }

    private static DayCounts calendarDay(Document document) {
        byte[] summary = CalendarDayCodec.summaryBytes(document);
        return new DayCounts(SlotSummary.fromBytes(summary), summary, null);
    }

    /**
     * A day's counts as read: the summary decoded to be added up, and the bytes it was read as, which a kept answer holds
     * ({@link KeptDays.Day}) rather than encoding it again; null where the summary was derived (calendars hidden), and
     * encoded only if the answer is kept.
     */
    private record DayCounts(SlotSummary summary, byte @Nullable [] summaryBytes, byte @Nullable [] calendarCounts) {

        KeptDays.Day kept() {
            return new KeptDays.Day(summaryBytes != null ? summaryBytes : summary.toBytes(), calendarCounts);
        }
    }

    /**
     * Adds a day's whole slots to the grid ({@code sign} 1), or takes them away ({@code sign} -1): seconds and types
     * from its summary, counts per queue from its calendars' counts, or all to {@code queue} for one calendar's day.
     * Each calendar with entries in a split slot goes to {@code splitCalendar}, whose entries are counted one by one.
     */
    private static void addDay(BucketGrid grid, int[] buckets, DayCounts day, @Nullable String queue, int sign,
                               Consumer<String> splitCalendar) {
        SlotSummary summary = day.summary();
        addSlots(grid, buckets, summary, sign);
        if (queue != null) {
            int ordinal = grid.queue(queue);
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                if (buckets[slot] >= 0 && summary.count(slot) > 0) {
                    grid.addCounts(buckets[slot], ordinal, (long) sign * summary.count(slot));
                }
            }
            return;
        }
        byte[] calendarCounts = day.calendarCounts();
        if (calendarCounts == null) {
            throw new IllegalStateException("a window day's counts were not kept");
        }
        CalendarSlotCounts.decode(calendarCounts, new CalendarSlotCounts.Visitor() {
            private String calendarId = "";
            private int ordinal;

            @Override
            public void calendar(String id) {
                calendarId = id;
                ordinal = grid.queue(id);
            }

            @Override
            public void slot(int slot, int count) {
                int bucket = buckets[slot];
                if (bucket >= 0) {
                    grid.addCounts(bucket, ordinal, (long) sign * count);
                } else if (bucket == SlotPlan.SPLIT) {
                    splitCalendar.accept(calendarId);
                }
            }
        });
    }

    /**
     * The occurrences beyond the horizon, of every calendar or of {@code queue}: whole slots from
     * the pre-counted days, split slots occurrence by occurrence.
     */
    private static void addBeyondHorizon(BucketGrid grid, SlotPlan plan, BeyondHorizon.Snapshot beyond, @Nullable String queue,
                                         Set<String> hidden) {
        if (beyond.isEmpty()) {
            return;
        }
        if (queue != null) {
            addBeyondHorizonOf(grid, plan, beyond, queue, 1);
            return;
        }
        addBeyondHorizonOfAll(grid, plan, beyond);
        // The pre-counted days add every calendar up: the hidden ones' occurrences are taken away again, rule by rule, as
        // their window days' are. A few hidden calendars cost their own rules, not every other calendar's.
        hidden.forEach(calendarId -> addBeyondHorizonOf(grid, plan, beyond, calendarId, -1));
    }

    /**
     * Every calendar's occurrences: per day, each run of slots that falls in one bucket adds the
     * differences of the day's running totals. Days with the same calendars and types share their
     * name arrays, so the names are numbered in the grid once, not once a day.
     */
    private static void addBeyondHorizonOfAll(BucketGrid grid, SlotPlan plan, BeyondHorizon.Snapshot beyond) {
        String[] numberedCalendars = null;
        String[] numberedTypes = null;
        int[] queueOrdinals = new int[0];
        int[] typeOrdinals = new int[0];
        for (LocalDate day : plan.days()) {
            VirtualDay virtual = beyond.day(day);
            if (virtual.isEmpty()) {
                continue;
            }
            if (virtual.calendars() != numberedCalendars) {
                numberedCalendars = virtual.calendars();
                queueOrdinals = ordinals(numberedCalendars, grid::queue);
            }
            if (virtual.types() != numberedTypes) {
                numberedTypes = virtual.types();
                typeOrdinals = ordinals(numberedTypes, grid::type);
            }
            int[] buckets = plan.bucketsOf(day);
            int[] runEnds = plan.runEndsOf(day);
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot = runEnds[slot]) {
                int bucket = buckets[slot];
                int end = runEnds[slot];
                if (bucket < 0 || virtual.count(slot, end) == 0) {
                    continue;
                }
                grid.addSeconds(bucket, virtual.seconds(slot, end));
                for (int type = 0; type < typeOrdinals.length; type++) {
                    int count = virtual.typeCount(type, slot, end);
                    if (count != 0) {
                        grid.addType(bucket, typeOrdinals[type], count);
                    }
                }
                for (int calendar = 0; calendar < queueOrdinals.length; calendar++) {
                    int count = virtual.calendarCount(calendar, slot, end);
                    if (count != 0) {
                        grid.addCounts(bucket, queueOrdinals[calendar], count);
                    }
                }
            }
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                if (buckets[slot] == SlotPlan.SPLIT && virtual.count(slot, slot + 1) > 0) {
                    Instant start = UtcSlots.slotStart(day, slot);
                    beyond.forEachStartingIn(start, start.plus(UtcSlots.SLOT), null, grid::add);
                }
            }
        }
    }

    private static int[] ordinals(String[] names, ToIntFunction<String> ordinal) {
        int[] ordinals = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ordinals[i] = ordinal.applyAsInt(names[i]);
        }
        return ordinals;
    }

    /**
     * One calendar's occurrences, from its rules' own day summaries (kept per rule version), slot
     * by slot: a calendar has few rules, and a day of one is 96 slots to look at. Added ({@code sign}
     * 1), or taken away (-1) from a grid that counted every calendar.
     */
    private static void addBeyondHorizonOf(BucketGrid grid, SlotPlan plan, BeyondHorizon.Snapshot beyond, String queue, int sign) {
        int queueOrdinal = -1;
        boolean[] splitWithOccurrences = new boolean[UtcSlots.PER_DAY];
        for (LocalDate day : plan.days()) {
            List<Map.Entry<String, SlotSummary>> rules = beyond.rulesStartingOn(day, queue, null);
            if (rules.isEmpty()) {
                continue;
            }
            queueOrdinal = queueOrdinal < 0 ? grid.queue(queue) : queueOrdinal;
            int[] buckets = plan.bucketsOf(day);
            boolean split = false;
            for (Map.Entry<String, SlotSummary> rule : rules) {
                SlotSummary summary = rule.getValue();
                int[] typeOrdinals = summary.types().stream().mapToInt(grid::type).toArray();
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    int count = summary.count(slot);
                    int bucket = buckets[slot];
                    if (count == 0 || bucket == SlotPlan.OUTSIDE) {
                        continue;
                    }
                    if (bucket == SlotPlan.SPLIT) {
                        splitWithOccurrences[slot] = true;
                        split = true;
                        continue;
                    }
                    grid.addCounts(bucket, queueOrdinal, (long) sign * count);
                    grid.addSeconds(bucket, sign * summary.seconds(slot));
                    for (int type = 0; type < typeOrdinals.length; type++) {
                        int typeCount = summary.typeCount(type, slot);
                        if (typeCount != 0) {
                            grid.addType(bucket, typeOrdinals[type], (long) sign * typeCount);
                        }
                    }
                }
            }
            if (split) {
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    if (splitWithOccurrences[slot]) {
                        splitWithOccurrences[slot] = false;
                        Instant start = UtcSlots.slotStart(day, slot);
                        beyond.forEachStartingIn(start, start.plus(UtcSlots.SLOT), queue, timing -> grid.add(timing, sign));
                    }
                }
            }
        }
    }

    /**
     * The occurrences beyond the horizon of one type (of any, when null) for a filtered window:
     * every rule runs occurrences of one type and length, so each rule's own day summaries count
     * them exactly, seconds included.
     */
    private static void addBeyondHorizonOfType(BucketGrid grid, BeyondHorizon.Snapshot beyond, List<LocalDate> days,
                                               @Nullable String queue, @Nullable String type, CalendarVisibility visibility) {
        Set<Instant> splitSlots = new LinkedHashSet<>();
        for (LocalDate day : days) {
            for (Map.Entry<String, SlotSummary> rule : beyond.rulesStartingOn(day, queue, type)) {
                if (!visibility.shows(rule.getKey())) {
                    continue;
                }
                SlotSummary summary = rule.getValue();
                int ordinal = grid.queue(rule.getKey());
                int typeOrdinal = grid.type(summary.types().get(0));
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    int count = summary.count(slot);
                    if (count == 0) {
                        continue;
                    }
                    Instant start = UtcSlots.slotStart(day, slot);
                    Instant end = start.plus(UtcSlots.SLOT);
                    if (!end.isAfter(grid.window().from()) || !start.isBefore(grid.window().till())) {
                        continue;
                    }
                    int bucket = grid.bucketOf(start);
                    if (!start.isBefore(grid.window().from()) && !end.isAfter(grid.window().till())
                            && bucket == grid.bucketOf(end.minusNanos(1))) {
                        grid.addCounts(bucket, ordinal, count);
                        grid.addSeconds(bucket, summary.seconds(slot));
                        grid.addType(bucket, typeOrdinal, count);
                    } else {
                        splitSlots.add(start);
                    }
                }
            }
        }
        for (Instant start : splitSlots) {
            beyond.forEachStartingIn(start, start.plus(UtcSlots.SLOT), queue, timing -> {
                if ((type == null || type.equals(timing.type())) && visibility.shows(timing.calendarId())) {
                    grid.add(timing);
                }
            });
        }
    }

    /** Seconds and types of the whole slots of one day, added ({@code sign} 1) or taken away (-1); counts go per queue, by the caller. */
    private static void addSlots(BucketGrid grid, int[] buckets, SlotSummary summary, int sign) {
        int[] types = summary.types().stream().mapToInt(grid::type).toArray();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            int bucket = buckets[slot];
            if (bucket < 0 || summary.count(slot) == 0) {
                continue;
            }
            grid.addSeconds(bucket, sign * summary.seconds(slot));
            for (int type = 0; type < types.length; type++) {
                int count = summary.typeCount(type, slot);
                if (count != 0) {
                    grid.addType(bucket, types[type], (long) sign * count);
                }
            }
        }
    }

    /** The entries of the day's split slots, counted one by one (the grid drops those outside the window). */
    private static void addSplitEntries(BucketGrid grid, int[] buckets, LocalDate day, String calendarId, Document document) {
        for (EntryCopy copy : CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class))) {
            if (UtcSlots.dayOf(copy.start()).equals(day) && buckets[UtcSlots.slotOf(copy.start())] == SlotPlan.SPLIT) {
                grid.add(copy.timing(calendarId));
            }
        }
    }

    private static List<String> slotGroups(Set<Integer> slots) {
        return slots.stream().map(slot -> CalendarDayCodec.ENTRIES + '.' + CalendarDayCodec.slotGroup(slot)).toList();
    }
}
