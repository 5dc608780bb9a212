package dev.almanac.query.occurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.events.TimeRange;
import dev.almanac.query.access.PrivateRules;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleHistory;
import dev.almanac.query.rule.Rules;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * Every rule's occurrences, past and future, as reads see them: computed from each rule's {@link RuleTimeline}, folded
 * from the events its rule document keeps (ADR 0068). No occurrence is stored. A read first reads the rule index's
 * revision (one small lookup); while it is unchanged, the {@link Snapshot} made for it serves, with its days counted
 * once and kept. When it changed, the index is read again, only the rules whose version moved are read from
 * {@code rules}, their timelines are folded on from the versions held, and the kept days are brought up to date by
 * those rules' own day summaries: a rule change costs that rule, not every rule.
 */
@Component
public class RuleTimelines implements PrivateRules.Source {

    /** The revision of a snapshot that must not be served again: it met a rule older than the index said. */
    static final String INCOMPLETE = "incomplete";

    private final RuleIndexes indexes;
    private final Rules rules;
    private final ShownOccurrences shown = new ShownOccurrences();
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.NONE);
    private final AtomicReference<@Nullable Refresh> refreshing = new AtomicReference<>();

    public RuleTimelines(RuleIndexes indexes, Rules rules) {
        this.indexes = indexes;
        this.rules = rules;
    }

    /**
     * Every rule's occurrences as the read models hold them now. Reads that find the same new revision at once share
     * one refresh, and so one snapshot and its counted days.
     */
    public Mono<Snapshot> snapshot() {
        return indexes.revision().flatMap(revision -> {
            Snapshot held = current.get();
            if (revision.equals(held.revision())) {
                return Mono.just(held);
            }
            Refresh running = refreshing.get();
            if (running != null && running.revision.equals(revision)) {
                return running.snapshot;
            }
            Refresh started = new Refresh(revision, held);
            refreshing.set(started);
            return started.snapshot;
        });
    }

    /** The rules as they stand now, as far as showing their occurrences goes (ADR 0096). */
    @Override
    public Mono<Snapshot> current() {
        return snapshot();
    }

    /** The last snapshot made, without reading anything: for a caller that may not wait, and may be a refresh behind. */
    public Snapshot latest() {
        return current.get();
    }

    /**
     * Drops the snapshot held. A service that keeps running while its database is emptied (tests;
     * a rebuild into the same database) must forget what it computed for the rules that were
     * there: their versions start again.
     */
    public void forget() {
        refreshing.set(null);
        current.set(Snapshot.NONE);
        shown.forget();
    }

    /** The rule and resolved instant of an occurrence a read of this process listed lately; null if none did. */
    OccurrenceLookup.@Nullable Located shown(String occurrenceId) {
        return shown.find(occurrenceId);
    }

    /** The index's revision now, to tell whether a snapshot is still the current one. */
    public Mono<String> revision() {
        return indexes.revision();
    }

    private Mono<Snapshot> refreshed(Snapshot held) {
        return indexes.find().flatMap(revised -> {
            List<String> stale = new ArrayList<>();
            revised.index().rules().forEach((ruleId, indexed) -> {
                Known known = held.rules.get(ruleId);
                if (known == null || known.version() != indexed.version()) {
                    stale.add(ruleId);
                }
            });
            return rules.find(stale).collectList().map(fresh -> {
                Map<String, Known> known = new HashMap<>();
                revised.index().rules().keySet().forEach(ruleId -> {
                    Known kept = held.rules.get(ruleId);
                    if (kept != null) {
                        known.put(ruleId, kept);
                    }
                });
                for (Rule rule : fresh) {
                    known.put(rule.id(), Known.of(rule, held.rules.get(rule.id())));
                }
                boolean complete = true;
                for (Map.Entry<String, RuleIndex.Indexed> entry : revised.index().rules().entrySet()) {
                    Known rule = known.get(entry.getKey());
                    if (rule == null || rule.version() != entry.getValue().version()) {
                        // The index is written before the rule: serve this once, and read the rule again next time.
                        complete = false;
                    }
                }
                Snapshot snapshot = new Snapshot(complete ? revised.revision() : INCOMPLETE, known, shown);
                snapshot.keepDays(held);
                current.set(snapshot);
                return snapshot;
            });
        });
    }

    /** A refresh under way (or just done) for one index revision; the reads that join it get its one snapshot. */
    private final class Refresh {

        private final String revision;
        private final Mono<Snapshot> snapshot;

        Refresh(String revision, Snapshot held) {
            this.revision = revision;
            this.snapshot = refreshed(held)
                    .doOnNext(refreshed -> {
                        if (!refreshed.revision().equals(revision)) {
                            // Incomplete: the next read must refresh again rather than join this one.
                            refreshing.compareAndSet(this, null);
                        }
                    })
                    .doOnError(error -> refreshing.compareAndSet(this, null))
                    .cache();
        }
    }

    /**
     * A rule version as read (its document without the history, which its timeline holds folded), with its occurrences
     * unless it has none (its creation unseen, or one rule-expander cannot expand).
     */
    private record Known(long version, Rule rule, @Nullable RuleOccurrences occurrences) {

        /** The rule as read, its timeline folded on from {@code before}'s where that is an earlier version of it. */
        static Known of(Rule rule, @Nullable Known before) {
            RuleTimeline from = before != null && before.occurrences() != null && before.version() < rule.version()
                    ? before.occurrences().timeline() : null;
            RuleTimeline timeline = rule.history().fold(rule.id(), from);
            Rule held = rule.withHistory(RuleHistory.EMPTY);
            return new Known(rule.version(), held, RuleOccurrences.of(held, timeline));
        }
    }

    /** A rule occurrence computed from its timeline: the calendar it lands on, its copy as a calendar day holds it, and itself. */
    public record Computed(String calendarId, EntryCopy copy, TimelineOccurrence occurrence) {

        static final Comparator<Computed> BY_START_AND_ID = Comparator.comparing(Computed::copy, EntryCopy.BY_START_AND_ID);
    }

    /**
     * Every rule's occurrences for one revision of the rule index. Days are counted when first asked for and kept; the
     * snapshot is safe to share between reads.
     */
    public static final class Snapshot implements PrivateRules {

        static final Snapshot NONE = new Snapshot(INCOMPLETE, Map.of(), new ShownOccurrences());
        private static final int MAX_DAYS_KEPT = 1_000;
        /**
         * At most about this many running totals (ints) kept over all days, about 100 MB: a day
         * holds 97 per calendar and type with occurrences that day, so a year of 100 calendars and
         * types is about 7 million, and a day of 10,000 calendars about a million.
         */
        static final long MAX_CELLS_KEPT = 25_000_000;

        private final String revision;
        private final Map<String, Known> rules;
        private final List<RuleOccurrences> occurring = new ArrayList<>();
        private final Map<String, List<RuleOccurrences>> byCalendar = new HashMap<>();
        private final Map<String, List<RuleOccurrences>> byResource = new HashMap<>();
        private final Map<String, Long> reachByCalendar = new HashMap<>();
        /** By tenant, the rules with occurrences on its calendars: those a tenant's day counts (multi-tenant mode). */
        private final Map<Tenant, List<RuleOccurrences>> byTenant = new HashMap<>();
        private final Map<CountedDay, OccurrenceDay> days = new ConcurrentHashMap<>();
        /** The running totals the kept days hold ({@link OccurrenceDay#cells()}); counted as days come and go, so approximate under races. */
        private final AtomicLong cellsKept = new AtomicLong();
        /** The calendars' and types' name arrays of the days, one of each set of names (see {@link OccurrenceDay#calendars()}). */
        private final Map<List<String>, String[]> nameSets = new ConcurrentHashMap<>();

        private final ShownOccurrences shown;

        private Snapshot(String revision, Map<String, Known> rules, ShownOccurrences shown) {
            this.revision = revision;
            this.rules = rules;
            this.shown = shown;
            rules.values().stream().map(Known::occurrences).filter(occurrences -> occurrences != null)
                    .sorted(Comparator.comparing(RuleOccurrences::ruleId))
                    .forEach(occurrences -> {
                        occurring.add(occurrences);
                        Set<Tenant> tenants = new HashSet<>();
                        for (String calendarId : occurrences.calendars()) {
                            byCalendar.computeIfAbsent(calendarId, any -> new ArrayList<>()).add(occurrences);
                            reachByCalendar.merge(calendarId, occurrences.reachSeconds(), Math::max);
                            Tenant.ofId(calendarId).ifPresent(tenants::add);
                        }
                        tenants.forEach(tenant -> byTenant.computeIfAbsent(tenant, any -> new ArrayList<>()).add(occurrences));
                        occurrences.resources().forEach(resource -> byResource.computeIfAbsent(resource, any -> new ArrayList<>())
                                .add(occurrences));
                    });
        }

        /** The rule index revision this snapshot was made for; never equal to a real one if it must be made again. */
        public String revision() {
            return revision;
        }

        public boolean isEmpty() {
            return occurring.isEmpty();
        }

        /** The occurrences starting on the UTC {@code day}; reads asking for the same day at once share one count. */
        public OccurrenceDay day(LocalDate day) {
            return day(null, day);
        }

        /**
         * The occurrences starting on the UTC {@code day} on {@code tenant}'s calendars, or on every calendar when it is
         * null: in multi-tenant mode each tenant's day is counted from its own rules alone (ADR 0102).
         */
        public OccurrenceDay day(@Nullable Tenant tenant, LocalDate day) {
            if (occurring.isEmpty()) {
                return OccurrenceDay.EMPTY;
            }
            CountedDay key = new CountedDay(tenant, day);
            OccurrenceDay kept = days.get(key);
            if (kept != null) {
                return kept;
            }
            if (days.size() >= MAX_DAYS_KEPT || cellsKept.get() >= MAX_CELLS_KEPT) {
                days.clear();
                cellsKept.set(0);
            }
            return days.computeIfAbsent(key, this::counted);
        }

        private OccurrenceDay counted(CountedDay key) {
            List<RuleOccurrences> rules = key.tenant() == null ? occurring : byTenant.getOrDefault(key.tenant(), List.of());
            List<Map.Entry<String, SlotSummary>> counted = new ArrayList<>(rules.size());
            for (RuleOccurrences rule : rules) {
                counted.addAll(key.summariesOn(rule));
            }
            OccurrenceDay summed = OccurrenceDay.of(counted, this::shared);
            cellsKept.addAndGet(summed.cells());
            return summed;
        }

        /** An array equal to {@code names} held already, or {@code names}, now held; bounded as the days are. */
        private String[] shared(String[] names) {
            if (names.length == 0) {
                return names;
            }
            if (nameSets.size() >= MAX_DAYS_KEPT * 2) {
                nameSets.clear();
            }
            return nameSets.computeIfAbsent(List.of(names), any -> names);
        }

        /**
         * Takes over the days the previous snapshot counted, each brought up to date by the rules that changed: their
         * summaries as they were taken away, as they now are added. When most rules changed, the days are counted afresh
         * as they are asked for instead.
         */
        void keepDays(Snapshot previous) {
            if (previous.days.isEmpty()) {
                return;
            }
            Map<String, RuleOccurrences> before = new LinkedHashMap<>();
            previous.occurring.forEach(rule -> before.put(rule.ruleId(), rule));
            List<RuleOccurrences> removed = new ArrayList<>();
            List<RuleOccurrences> added = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (RuleOccurrences rule : occurring) {
                seen.add(rule.ruleId());
                RuleOccurrences old = before.get(rule.ruleId());
                if (old != rule) {
                    added.add(rule);
                    if (old != null) {
                        removed.add(old);
                    }
                }
            }
            before.forEach((ruleId, old) -> {
                if (!seen.contains(ruleId)) {
                    removed.add(old);
                }
            });
            if ((removed.size() + added.size()) * 2L > Math.max(occurring.size(), 1)) {
                return;
            }
            previous.days.forEach((key, kept) -> {
                List<Map.Entry<String, SlotSummary>> out = new ArrayList<>();
                removed.forEach(rule -> out.addAll(key.summariesOn(rule)));
                List<Map.Entry<String, SlotSummary>> in = new ArrayList<>();
                added.forEach(rule -> in.addAll(key.summariesOn(rule)));
                OccurrenceDay updated = kept.plus(out, in, this::shared);
                if (days.putIfAbsent(key, updated) == null) {
                    cellsKept.addAndGet(updated.cells());
                }
            });
        }

        /** A day counted over every calendar (no tenant), or over one tenant's calendars. */
        private record CountedDay(@Nullable Tenant tenant, LocalDate day) {

            /** {@code rule}'s summaries of the day, per calendar, of the calendars this day counts. */
            List<Map.Entry<String, SlotSummary>> summariesOn(RuleOccurrences rule) {
                List<Map.Entry<String, SlotSummary>> summaries = rule.summariesOn(day, null);
                return tenant == null ? summaries : summaries.stream().filter(summary -> tenant.owns(summary.getKey())).toList();
            }
        }

        /** Every rule as this snapshot read it, whatever its status or calendar, by id. */
        public List<Rule> rules() {
            return rules.values().stream().map(Known::rule).sorted(Comparator.comparing(Rule::id)).toList();
        }

        /** Every rule whose queue is {@code calendarId} as this snapshot read it, whatever its status, by id. */
        public List<Rule> rulesOn(String calendarId) {
            return rules.values().stream().map(Known::rule).filter(rule -> calendarId.equals(rule.calendarId()))
                    .sorted(Comparator.comparing(Rule::id)).toList();
        }

        /** The rule as this snapshot read it; null if it holds none of that id. */
        public @Nullable Rule rule(String ruleId) {
            Known known = rules.get(ruleId);
            return known == null ? null : known.rule();
        }

        @Override
        public boolean isPrivate(String ruleId) {
            Rule rule = rule(ruleId);
            return rule != null && rule.metadata() != null && rule.metadata().keptPrivate();
        }

        @Override
        public @Nullable String creator(String ruleId) {
            Rule rule = rule(ruleId);
            return rule == null ? null : rule.createdBy();
        }

        /** The rule's timeline; null if the snapshot holds none for it. */
        public @Nullable RuleTimeline timeline(String ruleId) {
            Known known = rules.get(ruleId);
            return known == null || known.occurrences() == null ? null : known.occurrences().timeline();
        }

        /** Every calendar an occurrence of the rule lands on, its current queue included; empty for a rule it does not hold. */
        public Set<String> calendarsOf(String ruleId) {
            Known known = rules.get(ruleId);
            if (known == null) {
                return Set.of();
            }
            Set<String> calendars = new HashSet<>();
            if (known.rule().calendarId() != null) {
                calendars.add(known.rule().calendarId());
            }
            if (known.occurrences() != null) {
                calendars.addAll(known.occurrences().calendars());
            }
            return calendars;
        }

        /** Every rule this snapshot holds a timeline of, by id. */
        public List<String> ruleIdsWithOccurrences() {
            return occurring.stream().map(RuleOccurrences::ruleId).toList();
        }

        private List<RuleOccurrences> rulesOf(@Nullable String calendarId) {
            return calendarId == null ? occurring : byCalendar.getOrDefault(calendarId, List.of());
        }

        /** Each occurrence starting in {@code [from, till)}, of {@code calendarId} or of every calendar, as a window counts it. */
        public void forEachStartingIn(Instant from, Instant till, @Nullable String calendarId, Consumer<EntryTiming> into) {
            for (RuleOccurrences rule : rulesOf(calendarId)) {
                rule.timingsStartingIn(from, till, calendarId, into);
            }
        }

        /**
         * The occurrences starting in {@code [from, till)}, of {@code calendarId} or of every calendar, each as a calendar
         * day's copy would hold it, with its calendar: rule-expander's id and instants, the title, type, resources and
         * version of the definition that produced it.
         */
        public List<Map.Entry<String, EntryCopy>> copiesStartingIn(Instant from, Instant till, @Nullable String calendarId) {
            return copiesStartingIn(from, till, calendarId, null);
        }

        /**
         * As {@link #copiesStartingIn(Instant, Instant, String)}, of {@code type} alone when given: a rule none of whose
         * definitions runs that type is skipped without computing its occurrences, so a list filtered by type costs what
         * the rules of that type hold.
         */
        public List<Map.Entry<String, EntryCopy>> copiesStartingIn(Instant from, Instant till, @Nullable String calendarId,
                                                                   @Nullable String type) {
            List<Map.Entry<String, EntryCopy>> copies = new ArrayList<>();
            for (Computed computed : computedStartingIn(from, till, calendarId, type)) {
                copies.add(Map.entry(computed.calendarId(), computed.copy()));
            }
            return copies;
        }

        /** The occurrences starting in {@code [from, till)}, each with its copy, of {@code calendarId} (or all) and {@code type} (or any). */
        private List<Computed> computedStartingIn(Instant from, Instant till, @Nullable String calendarId, @Nullable String type) {
            List<Computed> computed = new ArrayList<>();
            for (RuleOccurrences rule : rulesOf(calendarId)) {
                if (type != null && !rule.types().contains(type)) {
                    continue;
                }
                rule.forEachStartingIn(from, till, occurrence -> {
                    String calendar = occurrence.definition().calendarId().value();
                    if ((calendarId == null || calendarId.equals(calendar)) && (type == null || type.equals(occurrence.definition().type()))) {
                        EntryCopy copy = rule.copyOf(occurrence);
                        computed.add(new Computed(calendar, copy, occurrence));
                        shown.remember(copy.id(), rule.ruleId(), occurrence.occurrence().resolvedInstant());
                    }
                });
            }
            return computed;
        }

        /**
         * The occurrences of {@code calendarId} that overlap {@code [from, till)}, those that start before it included, as
         * {@link #copiesStartingIn} gives them, in (start, id) order.
         */
        public List<EntryCopy> copiesOverlapping(Instant from, Instant till, String calendarId) {
            List<EntryCopy> overlapping = new ArrayList<>();
            for (Map.Entry<String, EntryCopy> placed : copiesStartingIn(from.minusSeconds(reachOf(calendarId)), till, calendarId)) {
                if (placed.getValue().overlaps(from, till)) {
                    overlapping.add(placed.getValue());
                }
            }
            overlapping.sort(EntryCopy.BY_START_AND_ID);
            return overlapping;
        }

        /**
         * Up to {@code limit} of the occurrences of {@code calendarId} that overlap {@code [from, till)}, in (start, id)
         * order, after {@code (afterStart, afterId)} when given: the earliest first, computed a stretch at a time, so that
         * a page of a year costs about what the page holds.
         */
        public List<EntryCopy> copiesOverlapping(Instant from, Instant till, String calendarId, @Nullable Instant afterStart,
                                                 @Nullable String afterId, int limit) {
            List<Computed> computed = computedOverlapping(from, till, calendarId, afterStart, afterId, limit);
            List<EntryCopy> copies = new ArrayList<>(computed.size());
            computed.forEach(one -> copies.add(one.copy()));
            return copies;
        }

        /**
         * What {@link #copiesOverlapping(Instant, Instant, String, Instant, String, int)} lists, each copy with the timeline
         * occurrence it was made from: for a reader that needs both (the iCalendar series), without computing them twice.
         */
        public List<Computed> computedOverlapping(Instant from, Instant till, String calendarId, @Nullable Instant afterStart,
                                                  @Nullable String afterId, int limit) {
            List<Computed> found = new ArrayList<>();
            if (afterStart == null || afterStart.isBefore(from)) {
                // Those that start before the window and reach into it come first.
                for (Computed placed : computedStartingIn(from.minusSeconds(reachOf(calendarId)), from, calendarId, null)) {
                    if (placed.copy().overlaps(from, till) && isAfter(placed.copy(), afterStart, afterId)) {
                        found.add(placed);
                    }
                }
                found.sort(Computed.BY_START_AND_ID);
            }
            Instant startFrom = afterStart != null && afterStart.isAfter(from) ? afterStart : from;
            long stretchSeconds = 6 * 3600;
            Instant cursor = startFrom;
            while (found.size() <= limit && cursor.isBefore(till)) {
                Instant end = cursor.plusSeconds(stretchSeconds).isBefore(till) ? cursor.plusSeconds(stretchSeconds) : till;
                List<Computed> stretch = new ArrayList<>();
                for (Computed placed : computedStartingIn(cursor, end, calendarId, null)) {
                    if (isAfter(placed.copy(), afterStart, afterId)) {
                        stretch.add(placed);
                    }
                }
                stretch.sort(Computed.BY_START_AND_ID);
                found.addAll(stretch);
                cursor = end;
                stretchSeconds = Math.min(stretchSeconds * 4, 366L * 86_400);
            }
            return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
        }

        private static boolean isAfter(EntryCopy copy, @Nullable Instant afterStart, @Nullable String afterId) {
            if (afterStart == null) {
                return true;
            }
            int byStart = copy.start().compareTo(afterStart);
            return byStart > 0 || byStart == 0 && afterId != null && copy.id().compareTo(afterId) > 0;
        }

        /** How far before an instant an occurrence of the calendar may start and still run at it: the longest one, jitter included. */
        private long reachOf(String calendarId) {
            return reachByCalendar.getOrDefault(calendarId, 0L);
        }

        /** Per calendar asked for, the intervals of its rules' occurrences that overlap {@code window}; none maps to an empty list. */
        public Map<String, List<TimeRange>> occurrencesOverlapping(Collection<String> calendarIds, TimeRange window) {
            Map<String, List<TimeRange>> found = new LinkedHashMap<>();
            for (String calendarId : calendarIds) {
                List<TimeRange> intervals = new ArrayList<>();
                for (RuleOccurrences rule : byCalendar.getOrDefault(calendarId, List.of())) {
                    rule.forEachStartingIn(window.start().minusSeconds(rule.reachSeconds()), window.end(), occurrence -> {
                        if (calendarId.equals(occurrence.definition().calendarId().value())
                                && occurrence.start().isBefore(window.end()) && occurrence.end().isAfter(window.start())) {
                            intervals.add(new TimeRange(occurrence.start(), occurrence.end()));
                        }
                    });
                }
                found.put(calendarId, intervals);
            }
            return found;
        }

        /**
         * Per resource asked for, the intervals of the rule occurrences that book it and overlap {@code window} (ADR 0029):
         * each occurrence books what the definition that produced it names.
         */
        public Map<String, List<TimeRange>> bookingsOverlapping(Collection<String> resourceIds, TimeRange window) {
            Map<String, List<TimeRange>> found = new LinkedHashMap<>();
            for (String resourceId : resourceIds) {
                List<TimeRange> intervals = new ArrayList<>();
                for (RuleOccurrences rule : byResource.getOrDefault(resourceId, List.of())) {
                    rule.forEachStartingIn(window.start().minusSeconds(rule.reachSeconds()), window.end(), occurrence -> {
                        if (books(occurrence, resourceId) && occurrence.start().isBefore(window.end())
                                && occurrence.end().isAfter(window.start())) {
                            intervals.add(new TimeRange(occurrence.start(), occurrence.end()));
                        }
                    });
                }
                found.put(resourceId, intervals);
            }
            return found;
        }

        private static boolean books(TimelineOccurrence occurrence, String resourceId) {
            return occurrence.definition().resources().stream().anyMatch(booking -> booking.resourceId().value().equals(resourceId));
        }

        /**
         * Each rule's own summaries of its occurrences starting on the UTC {@code day}, with their calendar, for the rules of
         * {@code calendarId} (or all), counting only occurrences of {@code type} (or any). A day on which a rule ran more
         * than one type (it was updated that day) is counted again, occurrence by occurrence, for the type asked.
         */
        public List<Map.Entry<String, SlotSummary>> rulesStartingOn(LocalDate day, @Nullable String calendarId, @Nullable String type) {
            List<Map.Entry<String, SlotSummary>> found = new ArrayList<>();
            for (RuleOccurrences rule : rulesOf(calendarId)) {
                if (type != null && !rule.types().contains(type)) {
                    continue;
                }
                for (Map.Entry<String, SlotSummary> summary : rule.summariesOn(day, calendarId)) {
                    List<String> types = summary.getValue().types();
                    if (type == null || types.size() == 1 && types.get(0).equals(type)) {
                        found.add(summary);
                    } else if (types.contains(type)) {
                        SlotSummary.Builder ofType = SlotSummary.builder();
                        rule.forEachStartingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(1)), occurrence -> {
                            if (type.equals(occurrence.definition().type())
                                    && summary.getKey().equals(occurrence.definition().calendarId().value())) {
                                ofType.add(UtcSlots.slotOf(occurrence.start()), type,
                                        Duration.between(occurrence.start(), occurrence.end()).toSeconds());
                            }
                        });
                        found.add(Map.entry(summary.getKey(), ofType.build()));
                    }
                }
            }
            return found;
        }
    }
}
