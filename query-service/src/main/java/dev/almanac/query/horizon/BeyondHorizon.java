package dev.almanac.query.horizon;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.entry.RelationSummary;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.Rules;
import dev.almanac.recurrence.Occurrence;

/**
 * The rule occurrences that are not materialised yet, as reads count them. A read first reads the
 * rule index's revision (one small lookup); while it is unchanged, the {@link Snapshot} computed
 * for it serves, with its days counted once and kept. When it changed, the index is read again,
 * and only the rules whose version moved are read from {@code rules}; each rule version's whole
 * days stay counted across snapshots, so a horizon that moves costs the days at the boundary.
 */
@Component
public class BeyondHorizon {

    /** The revision of a snapshot that must not be served again: it met a rule older than the index said. */
    static final String INCOMPLETE = "incomplete";

    private final RuleIndexes indexes;
    private final Rules rules;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.NONE);
    private final AtomicReference<@Nullable Refresh> refreshing = new AtomicReference<>();

    public BeyondHorizon(RuleIndexes indexes, Rules rules) {
        this.indexes = indexes;
        this.rules = rules;
    }

    /**
     * The occurrences beyond every rule's horizon as the read models hold them now. Reads that find
     * the same new revision at once share one refresh, and so one snapshot and its counted days.
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

    /**
     * Drops the snapshot held. A service that keeps running while its database is emptied (tests;
     * a rebuild into the same database) must forget what it computed for the rules that were
     * there: their versions start again.
     */
    public void forget() {
        refreshing.set(null);
        current.set(Snapshot.NONE);
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
                if (indexed.version() >= 0 && (known == null || known.version() != indexed.version())) {
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
                    known.put(rule.id(), new Known(rule.version(), rule, RuleOccurrences.of(rule)));
                }
                boolean complete = true;
                List<Beyond> beyond = new ArrayList<>();
                for (Map.Entry<String, RuleIndex.Indexed> entry : revised.index().rules().entrySet()) {
                    Known rule = known.get(entry.getKey());
                    if (entry.getValue().version() < 0) {
                        continue;
                    }
                    if (rule == null || rule.version() != entry.getValue().version()) {
                        // The index is written before the rule: serve this once, and read the rule again next time.
                        complete = false;
                        known.remove(entry.getKey());
                    }
                    if (rule != null && rule.occurrences() != null) {
                        beyond.add(new Beyond(rule.occurrences(), entry.getValue().materialisedThrough()));
                    }
                }
                Snapshot snapshot = new Snapshot(complete ? revised.revision() : INCOMPLETE, known, beyond);
                snapshot.keepUnchangedDays(held);
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

    /** A rule version as read, with its occurrences unless it has none to compute (deleted, disabled, not defined). */
    private record Known(long version, Rule rule, @Nullable RuleOccurrences occurrences) {
    }

    /** A rule's occurrences and the latest resolved instant already materialised (none yet: null). */
    private record Beyond(RuleOccurrences occurrences, @Nullable Instant boundary) {
    }

    /**
     * The occurrences beyond the horizon for one revision of the rule index. Days are counted when
     * first asked for and kept; the snapshot is safe to share between reads.
     */
    public static final class Snapshot {

        static final Snapshot NONE = new Snapshot(INCOMPLETE, Map.of(), List.of());
        private static final int MAX_DAYS_KEPT = 1_000;
        /**
         * At most about this many running totals (ints) kept over all days, about 100 MB: a day
         * holds 97 per calendar and type with occurrences that day, so a year of 100 calendars and
         * types is about 7 million, and a day of 10,000 calendars about a million.
         */
        static final long MAX_CELLS_KEPT = 25_000_000;

        private final String revision;
        private final Map<String, Known> rules;
        private final List<Beyond> beyond;
        private final Map<LocalDate, VirtualDay> days = new ConcurrentHashMap<>();
        /** The running totals the kept days hold ({@link VirtualDay#cells()}); counted as days come and go, so approximate under races. */
        private final AtomicLong cellsKept = new AtomicLong();
        /** The calendars' and types' name arrays of the days, one of each set of names (see {@link VirtualDay#calendars()}). */
        private final Map<List<String>, String[]> nameSets = new ConcurrentHashMap<>();
        /** The rules of each calendar, in the order of {@link #beyond}. */
        private final Map<String, List<Beyond>> byCalendar = new HashMap<>();

        private Snapshot(String revision, Map<String, Known> rules, List<Beyond> beyond) {
            this.revision = revision;
            this.rules = rules;
            this.beyond = beyond;
            beyond.forEach(rule -> byCalendar.computeIfAbsent(rule.occurrences().calendarId(), any -> new ArrayList<>()).add(rule));
        }

        /** The rule index revision this snapshot was computed for; never equal to a real one if it must be computed again. */
        public String revision() {
            return revision;
        }

        public boolean isEmpty() {
            return beyond.isEmpty();
        }

        /** The occurrences beyond the horizon starting on the UTC {@code day}; reads asking for the same day at once share one count. */
        public VirtualDay day(LocalDate day) {
            if (beyond.isEmpty()) {
                return VirtualDay.EMPTY;
            }
            VirtualDay kept = days.get(day);
            if (kept != null) {
                return kept;
            }
            if (days.size() >= MAX_DAYS_KEPT || cellsKept.get() >= MAX_CELLS_KEPT) {
                days.clear();
                cellsKept.set(0);
            }
            return days.computeIfAbsent(day, this::counted);
        }

        private VirtualDay counted(LocalDate day) {
            List<Map.Entry<String, SlotSummary>> counted = new ArrayList<>(beyond.size());
            for (Beyond rule : beyond) {
                counted.add(Map.entry(rule.occurrences().calendarId(), rule.occurrences().startingOn(day, rule.boundary())));
            }
            VirtualDay virtual = VirtualDay.of(counted, this::shared);
            cellsKept.addAndGet(virtual.cells());
            return virtual;
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
         * Takes over the days of the previous snapshot that no change touches: a horizon pass moves
         * boundaries, and only the days at the old and new boundary of each rule it moved count
         * differently. A rule with a new version, a new rule or a gone one changes every day.
         */
        void keepUnchangedDays(Snapshot previous) {
            Map<String, Beyond> before = new HashMap<>();
            previous.beyond.forEach(rule -> before.put(rule.occurrences().rule().id(), rule));
            List<Beyond> moved = new ArrayList<>();
            List<Beyond> movedFrom = new ArrayList<>();
            for (Beyond rule : beyond) {
                Beyond old = before.remove(rule.occurrences().rule().id());
                if (old == null || old.occurrences() != rule.occurrences()) {
                    return;
                }
                if (!Objects.equals(old.boundary(), rule.boundary())) {
                    moved.add(rule);
                    movedFrom.add(old);
                }
            }
            if (!before.isEmpty()) {
                return;
            }
            previous.days.forEach((day, virtual) -> {
                for (int i = 0; i < moved.size(); i++) {
                    if (!moved.get(i).occurrences().sameOn(day, movedFrom.get(i).boundary(), moved.get(i).boundary())) {
                        return;
                    }
                }
                if (days.putIfAbsent(day, virtual) == null) {
                    cellsKept.addAndGet(virtual.cells());
                }
            });
        }

        /** Every rule as this snapshot read it, whatever its status or calendar, by id. */
        public List<Rule> rules() {
            return rules.values().stream().map(Known::rule).sorted(Comparator.comparing(Rule::id)).toList();
        }

        /** Every rule on {@code calendarId} as this snapshot read it, whatever its status, by id. */
        public List<Rule> rulesOn(String calendarId) {
            return rules.values().stream().map(Known::rule).filter(rule -> calendarId.equals(rule.calendarId()))
                    .sorted(Comparator.comparing(Rule::id)).toList();
        }

        /** Each occurrence beyond the horizon starting in {@code [from, till)}, of {@code calendarId} or of every calendar. */
        public void forEachStartingIn(Instant from, Instant till, @Nullable String calendarId, Consumer<EntryTiming> into) {
            for (Beyond rule : calendarId == null ? beyond : byCalendar.getOrDefault(calendarId, List.of())) {
                RuleOccurrences occurrences = rule.occurrences();
                if (calendarId == null || calendarId.equals(occurrences.calendarId())) {
                    for (Occurrence occurrence : occurrences.startingIn(from, till, rule.boundary())) {
                        into.accept(new EntryTiming(occurrence.start(), occurrence.end(), occurrences.calendarId(), occurrences.type()));
                    }
                }
            }
        }

        /**
         * The occurrences beyond the horizon starting in {@code [from, till)}, of {@code calendarId}
         * or of every calendar, each as the copy its materialisation will put on its calendar's day:
         * the expansion's id and instants, the rule's name, type and version.
         */
        public List<Map.Entry<String, EntryCopy>> copiesStartingIn(Instant from, Instant till, @Nullable String calendarId) {
            List<Map.Entry<String, EntryCopy>> copies = new ArrayList<>();
            for (Beyond beyondRule : beyond) {
                RuleOccurrences occurrences = beyondRule.occurrences();
                if (calendarId == null || calendarId.equals(occurrences.calendarId())) {
                    Rule rule = occurrences.rule();
                    for (Occurrence occurrence : occurrences.startingIn(from, till, beyondRule.boundary())) {
                        copies.add(Map.entry(occurrences.calendarId(), new EntryCopy(occurrence.id().value(), EntryKind.OCCURRENCE,
                                rule.name(), occurrences.type(), occurrence.start(), occurrence.end(), occurrence.zone().getId(), null,
                                List.of(), rule.id(), 0, rule.version(), RelationSummary.NONE)));
                    }
                }
            }
            return copies;
        }

        /**
         * The occurrences of {@code calendarId} beyond the horizon that overlap {@code [from, till)}, those
         * that start before it included, as {@link #copiesStartingIn} gives them, in (start, id) order.
         */
        public List<EntryCopy> copiesOverlapping(Instant from, Instant till, String calendarId) {
            // How far before the period an occurrence may start and still reach into it: the longest one, jitter included.
            long reachSeconds = 0;
            for (Beyond rule : byCalendar.getOrDefault(calendarId, List.of())) {
                Rule defined = rule.occurrences().rule();
                reachSeconds = Math.max(reachSeconds, defined.durationSeconds() + defined.spec().jitterSeconds());
            }
            List<EntryCopy> overlapping = new ArrayList<>();
            for (Map.Entry<String, EntryCopy> placed : copiesStartingIn(from.minusSeconds(reachSeconds), till, calendarId)) {
                if (placed.getValue().overlaps(from, till)) {
                    overlapping.add(placed.getValue());
                }
            }
            overlapping.sort(EntryCopy.BY_START_AND_ID);
            return overlapping;
        }

        /**
         * Each rule's own summary of its occurrences beyond the horizon starting on the UTC {@code day},
         * with the rule's calendar, for the rules of {@code calendarId} (or all) and of {@code type}
         * (or any). A rule runs occurrences of one type and length, so its summary has one type.
         */
        public List<Map.Entry<String, SlotSummary>> rulesStartingOn(LocalDate day, @Nullable String calendarId, @Nullable String type) {
            List<Map.Entry<String, SlotSummary>> found = new ArrayList<>();
            for (Beyond rule : calendarId == null ? beyond : byCalendar.getOrDefault(calendarId, List.of())) {
                RuleOccurrences occurrences = rule.occurrences();
                if ((calendarId == null || calendarId.equals(occurrences.calendarId())) && (type == null || type.equals(occurrences.type()))) {
                    SlotSummary summary = occurrences.startingOn(day, rule.boundary());
                    if (!summary.isEmpty()) {
                        found.add(Map.entry(occurrences.calendarId(), summary));
                    }
                }
            }
            return found;
        }
    }
}
