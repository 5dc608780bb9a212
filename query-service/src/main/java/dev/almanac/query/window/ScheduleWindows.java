package dev.almanac.query.window;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.readmodel.Locks;

/**
 * Answers a window from the pre-aggregated slot summaries ({@link WindowDocuments}); slots roll up into
 * {@link LocalPeriods} buckets as {@link SlotPlan} says. Rule occurrences count too, computed from the rules' timelines
 * ({@link RuleOccurrenceCounts}). A filtered window is counted entry by entry ({@link FilteredWindows}).
 *
 * <p>This class keeps the unfiltered answers: recent answers are kept with the revision of every document they were
 * read from ({@link WindowAnswers}), the rule index included; asking again first reads just those revisions, and only
 * a change makes the window be computed again, or brought up to date by the days that changed. A request without a
 * consistency token is served a kept answer that such a check found current less than
 * {@code almanac.query.window-recheck} ago without checking again (ADR 0064).
 */
@Component
public class ScheduleWindows implements MeterBinder {

    /** How long a kept answer found current is served to requests without a consistency token before it is checked again. */
    static final String DEFAULT_RECHECK = "20ms";

    private final WindowDocuments documents;
    private final FilteredWindows filtered;
    private final WindowRevisions windowRevisions;
    private final RuleTimelines ruleTimelines;
    private final WindowAnswers answers;
    private final long recheckNanos;
    private final WindowMetrics metrics = new WindowMetrics();

    /** Without a recheck interval: every kept answer is checked before it is served. */
    public ScheduleWindows(CalendarDays calendarDays, WindowDays windowDays, WindowRevisions windowRevisions, RuleTimelines ruleTimelines,
                           int cacheSize) {
        this(calendarDays, windowDays, windowRevisions, ruleTimelines, cacheSize, Duration.ZERO);
    }

    @Autowired
    public ScheduleWindows(CalendarDays calendarDays, WindowDays windowDays, WindowRevisions windowRevisions, RuleTimelines ruleTimelines,
                           @Value("${almanac.query.window-cache-size:256}") int cacheSize,
                           @Value("${almanac.query.window-recheck:" + DEFAULT_RECHECK + "}") Duration recheck) {
        this.documents = new WindowDocuments(calendarDays, windowDays);
        this.filtered = new FilteredWindows(calendarDays, windowDays, ruleTimelines);
        this.windowRevisions = windowRevisions;
        this.ruleTimelines = ruleTimelines;
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
        return filtered.window(spec, queue, filter, visibility);
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
        WindowAnswers.Query query = new WindowAnswers.Query(spec, queue, visibility.hidden(), visibility.tenant());
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
     * (ADR 0064).
     */
    private Mono<WindowAnswers.Answer> checked(WindowAnswers.Query query, long now) {
        if (!answers.keepsAny()) {
            return computed(query, now, WindowRevisions.NONE);
        }
        return Mono.zip(windowRevisions.scope(WindowRevisions.scopeOf(query.queue())), ruleTimelines.revision()).flatMap(read -> {
            WindowRevisions.Scope scope = read.getT1();
            String scopeRevision = scope.revision();
            return answers.find(query)
                    .map(cached -> {
                        if (answers.scopeUnchanged(query, cached, scopeRevision) && read.getT2().equals(cached.ruleIndex())) {
                            metrics.scopeChecks.incrementAndGet();
                            return Mono.just(current(query, cached, now, scopeRevision));
                        }
                        Optional<Set<LocalDate>> changedDays = answers.scopeRevision(query, cached).flatMap(scope::daysChangedSince);
                        (changedDays.isPresent() ? metrics.changeChecks : metrics.dayChecks).incrementAndGet();
                        return documents.revisions(query, cached, changedDays, read.getT2()).flatMap(found -> found.match(cached)
                                ? Mono.just(current(query, cached, now, scopeRevision))
                                : updated(query, cached, found, now, scopeRevision));
                    })
                    .orElseGet(() -> computed(query, now, scopeRevision));
        });
    }

    private WindowAnswers.Answer current(WindowAnswers.Query query, WindowAnswers.Answer cached, long checkedAt, String scopeRevision) {
        metrics.currentAnswers.incrementAndGet();
        answers.current(query, cached, checkedAt, scopeRevision);
        return cached;
    }

    private Mono<WindowAnswers.Answer> computed(WindowAnswers.Query query, long startedAt, String scopeRevision) {
        return ruleTimelines.snapshot().flatMap(occurrences -> {
            BucketGrid grid = BucketGrid.over(query.spec());
            SlotPlan plan = SlotPlan.of(grid);
            Map<String, String> read = new HashMap<>();
            Map<String, String> split = new HashMap<>();
            Map<String, KeptDays.Day> days = new HashMap<>();
            // With no answers kept there is nothing to update, and the days' counts are not held past their day.
            BiConsumer<String, DayCounts> keepDay = answers.keepsAny() ? (id, counts) -> days.put(id, counts.kept()) : (id, counts) -> { };
            Mono<Void> counted = query.queue() == null
                    ? documents.allCalendars(query, grid, plan, read, split, keepDay, occurrences)
                    : documents.oneCalendar(query.queue(), grid, plan, read, keepDay, occurrences);
            return counted.then(Mono.fromSupplier(() -> {
                RuleOccurrenceCounts.add(grid, plan, occurrences, query);
                KeptDays kept = answers.keepsAny() ? new KeptDays(grid, plan, days, WindowDocuments.documentDays(query, plan)) : null;
                return WindowAnswers.Answer.of(query, grid.toScheduleWindow(), read, split, occurrences.revision(), kept);
            }));
        }).doOnNext(answer -> {
            metrics.computedAnswers.incrementAndGet();
            answers.keep(query, answer, startedAt, scopeRevision);
        });
    }

    /**
     * The kept answer brought up to date: the counts of each day whose document changed are taken away from a copy of
     * its grid, as they were read, and added as they read now. Every other day, the split days and the occurrences
     * rule occurrences must be as the answer read them, and the changed days must count in whole slots only;
     * otherwise, or when most days changed, the window is computed again. The rules that say which stored occurrences are
     * private ({@link CountedTypes}) are the snapshot of the answer's rule index, held already, else it is computed again.
     * A day so updated counts as it would in a window computed from the same documents, so the answer and its tag are
     * those a computation would give.
     */
    private Mono<WindowAnswers.Answer> updated(WindowAnswers.Query query, WindowAnswers.Answer cached, WindowDocuments.Revisions found, long startedAt,
                                               String scopeRevision) {
        KeptDays kept = cached.days();
        RuleTimelines.Snapshot rules = ruleTimelines.latest();
        if (kept == null || !found.splitDays().equals(cached.splitDays()) || !found.ruleIndex().equals(cached.ruleIndex())
                || !rules.revision().equals(cached.ruleIndex())) {
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
        List<String> fields = query.queue() == null ? WindowDocuments.windowDayFields(query.hidden()) : List.of(CalendarDayCodec.SUMMARY, Locks.FIELD);
        return documents.documents(query.queue(), List.copyOf(changed), fields).collectMap(document -> document.getString("_id")).map(read -> {
            BucketGrid grid = kept.grid().copy();
            Map<String, String> revisions = new HashMap<>(cached.windowDays());
            Map<String, KeptDays.Day> days = new HashMap<>(kept.days());
            for (String id : changed) {
                int[] buckets = kept.plan().bucketsOf(kept.dayOf().get(id));
                KeptDays.Day before = days.remove(id);
                if (before != null) {
                    new DayCounts(before.decodedSummary(), before.summary(), before.calendarCounts())
                            .addTo(grid, buckets, query.queue(), -1, calendarId -> { }, rules);
                }
                revisions.remove(id);
                Document document = read.get(id);
                if (document != null) {
                    DayCounts now = query.queue() == null ? DayCounts.windowDay(document, query.hidden()) : DayCounts.calendarDay(document);
                    now.addTo(grid, buckets, query.queue(), 1, calendarId -> { }, rules);
                    days.put(id, now.kept());
                    revisions.put(id, document.getString(Locks.FIELD));
                }
            }
            KeptDays updated = new KeptDays(grid, kept.plan(), days, kept.dayOf());
            return WindowAnswers.Answer.of(query, grid.toScheduleWindow(), revisions, cached.splitDays(), cached.ruleIndex(), updated);
        }).doOnNext(answer -> {
            metrics.updatedAnswers.incrementAndGet();
            answers.keep(query, answer, startedAt, scopeRevision);
        });
    }

    /**
     * How many checks of kept answers read their scope's revision alone, how many read the revisions of every day too,
     * and how many only those of the days their scope's log gave.
     */
    long[] checks() {
        return metrics.checks();
    }

    /** How many kept answers were brought up to date by the days that changed rather than computed again. */
    long updates() {
        return metrics.updates();
    }


    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.bindTo(registry);
    }
}
