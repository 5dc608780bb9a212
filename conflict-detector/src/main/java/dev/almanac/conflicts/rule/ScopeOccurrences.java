package dev.almanac.conflicts.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.Intervals;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.events.TimeRange;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * One rule's occurrences on one scope that start in {@code [from, till)}, by start and then resolved instant, as three
 * arrays of epoch milliseconds: what a sweep needs, 24 bytes an occurrence. Derived from the timeline and recomputed
 * whenever it is needed again, never stored. An entry's id and title are made only for the few a breach involves:
 * deriving an occurrence id costs more than everything else about it.
 *
 * <p>Backfill runs are left out: they are not in-series occurrences and arrive on {@code almanac.occurrences.v1} as
 * entries of their own (ADR 0069). So are a heartbeat's beats, which take no place on any scope ({@link RuleScope#holds}).
 */
public final class ScopeOccurrences {

    private static final Comparator<TimelineOccurrence> BY_START_THEN_RESOLVED = Comparator
            .comparing(TimelineOccurrence::start).thenComparing(occurrence -> occurrence.occurrence().resolvedInstant());

    private final RuleId ruleId;
    private final RuleScope scope;
    private final long from;
    private final long till;
    private final long[] starts;
    private final long[] ends;
    private final long[] resolved;
    private final TimelineDefinition[] definitions;
    /** Which of {@link #definitions} each occurrence is of; null when they are all of the first. */
    private final int @Nullable [] definitionIndex;
    private final int size;
    private final long longestMillis;

    private ScopeOccurrences(RuleId ruleId, RuleScope scope, long from, long till, long[] starts, long[] ends, long[] resolved,
                             TimelineDefinition[] definitions, int @Nullable [] definitionIndex, int size) {
        this.ruleId = ruleId;
        this.scope = scope;
        this.from = from;
        this.till = till;
        this.starts = starts;
        this.ends = ends;
        this.resolved = resolved;
        this.definitions = definitions;
        this.definitionIndex = definitionIndex;
        this.size = size;
        long longest = 0;
        for (int index = 0; index < size; index++) {
            longest = Math.max(longest, ends[index] - starts[index]);
        }
        this.longestMillis = longest;
    }

    /** None, over {@code [from, till)}: a rule without a timeline, or without occurrences on the scope. */
    public static ScopeOccurrences none(RuleId ruleId, RuleScope scope, long from, long till) {
        return new ScopeOccurrences(ruleId, scope, from, till, new long[0], new long[0], new long[0], new TimelineDefinition[0], null, 0);
    }

    /** The occurrences of {@code timeline} on {@code scope} that start in {@code [from, till)}. */
    public static ScopeOccurrences expand(RuleTimeline timeline, RuleScope scope, long from, long till) {
        List<TimelineOccurrence> found = new ArrayList<>();
        forEachOnScope(timeline, scope, from, till, found::add);
        found.sort(BY_START_THEN_RESOLVED);
        int size = found.size();
        long[] starts = new long[size];
        long[] ends = new long[size];
        long[] resolved = new long[size];
        Map<TimelineDefinition, Integer> indexes = new IdentityHashMap<>();
        List<TimelineDefinition> definitions = new ArrayList<>();
        int[] definitionIndex = new int[size];
        for (int index = 0; index < size; index++) {
            TimelineOccurrence occurrence = found.get(index);
            starts[index] = occurrence.start().toEpochMilli();
            ends[index] = occurrence.end().toEpochMilli();
            resolved[index] = occurrence.occurrence().resolvedInstant().toEpochMilli();
            definitionIndex[index] = indexes.computeIfAbsent(occurrence.definition(), definition -> {
                definitions.add(definition);
                return definitions.size() - 1;
            });
        }
        return new ScopeOccurrences(timeline.ruleId(), scope, from, till, starts, ends, resolved,
                definitions.toArray(TimelineDefinition[]::new), definitions.size() > 1 ? definitionIndex : null, size);
    }

    /**
     * Each occurrence of {@code timeline} on {@code scope} starting in {@code [from, till)}, in no order: in-series and
     * moved ones, not backfill runs nor a heartbeat's beats.
     */
    public static void forEachOnScope(RuleTimeline timeline, RuleScope scope, long from, long till, Consumer<TimelineOccurrence> action) {
        if (from >= till) {
            return;
        }
        timeline.forEachStartingIn(Instant.ofEpochMilli(from), Instant.ofEpochMilli(till), occurrence -> {
            if (occurrence.backfillOf() == null && scope.holds(occurrence.definition())) {
                action.accept(occurrence);
            }
        });
    }

    public long from() {
        return from;
    }

    public long till() {
        return till;
    }

    public int size() {
        return size;
    }

    public long start(int index) {
        return starts[index];
    }

    public long end(int index) {
        return ends[index];
    }

    /** The longest occurrence held. */
    public long longestMillis() {
        return longestMillis;
    }

    public TimelineDefinition definition(int index) {
        return definitions[definitionIndex == null ? 0 : definitionIndex[index]];
    }

    /** The index of the first occurrence starting at or after {@code millis}; {@link #size()} if none does. */
    public int firstStartingFrom(long millis) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] < millis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Calls {@code action} with the index of each occurrence that meets the closed range {@code [from, to]}, by start. */
    public void forEachMeeting(long from, long to, IntConsumer action) {
        for (int index = firstStartingFrom(OrderedKey.earlier(from, longestMillis)); index < size && starts[index] <= to; index++) {
            if (ends[index] >= from) {
                action.accept(index);
            }
        }
    }

    /** Adds the intervals of the occurrences that meet the closed range {@code [from, to]}. */
    public void addMeeting(long from, long to, Intervals into) {
        forEachMeeting(from, to, index -> into.add(starts[index], ends[index]));
    }

    /** Adds every interval held. */
    public void addAll(Intervals into) {
        for (int index = 0; index < size; index++) {
            into.add(starts[index], ends[index]);
        }
    }

    /** The most of these occurrences that overlap at any instant: the rule's own share of a pile-up. */
    public int maxConcurrency() {
        Intervals own = new Intervals(size);
        addAll(own);
        return own.maxConcurrency();
    }

    /** The occurrence as an entry on its calendar, keyed by its occurrence id as rule-expander's record is. */
    public Entry entry(int index) {
        String id = OccurrenceId.of(ruleId, Instant.ofEpochMilli(resolved[index])).value();
        return Entry.occurrence(id, ruleId.value(), definition(index).title(),
                new TimeRange(Instant.ofEpochMilli(starts[index]), Instant.ofEpochMilli(ends[index])));
    }

    /** The occurrence's booking of this scope's resource. */
    public Booking booking(int index) {
        TimelineDefinition definition = definition(index);
        return new Booking(entry(index), definition.calendarId(), scope.role(definition)
                .orElseThrow(() -> new IllegalStateException(scope + " is not booked by " + ruleId)));
    }

    /** These and the occurrences starting in {@code [till, newTill)}, which all start after these. */
    public ScopeOccurrences extendedTo(RuleTimeline timeline, long newTill) {
        if (newTill <= till) {
            return this;
        }
        ScopeOccurrences more = expand(timeline, scope, till, newTill);
        if (more.size == 0) {
            return new ScopeOccurrences(ruleId, scope, from, newTill, starts, ends, resolved, definitions, definitionIndex, size);
        }
        List<TimelineDefinition> joined = new ArrayList<>(Arrays.asList(definitions));
        int[] index = new int[size + more.size];
        for (int at = 0; at < size; at++) {
            index[at] = definitionIndex == null ? 0 : definitionIndex[at];
        }
        for (int at = 0; at < more.size; at++) {
            TimelineDefinition definition = more.definition(at);
            int found = -1;
            for (int known = 0; known < joined.size(); known++) {
                if (joined.get(known) == definition) {
                    found = known;
                    break;
                }
            }
            if (found < 0) {
                joined.add(definition);
                found = joined.size() - 1;
            }
            index[size + at] = found;
        }
        return new ScopeOccurrences(ruleId, scope, from, newTill, concat(starts, size, more.starts, more.size),
                concat(ends, size, more.ends, more.size), concat(resolved, size, more.resolved, more.size),
                joined.toArray(TimelineDefinition[]::new), joined.size() > 1 ? index : null, size + more.size);
    }

    /** These without the occurrences starting before {@code newFrom}. */
    public ScopeOccurrences startingFrom(long newFrom) {
        return newFrom <= from ? this : between(newFrom, Math.max(newFrom, till));
    }

    /** Those of these that start in {@code [newFrom, newTill)}, which must lie within what these cover. */
    public ScopeOccurrences between(long newFrom, long newTill) {
        if (newFrom < from || newTill > till || newFrom > newTill) {
            throw new IllegalArgumentException("[" + newFrom + ", " + newTill + ") is not within [" + from + ", " + till + ")");
        }
        if (newFrom == from && newTill == till) {
            return this;
        }
        int first = firstStartingFrom(newFrom);
        int last = firstStartingFrom(newTill);
        int[] index = definitionIndex == null ? null : Arrays.copyOfRange(definitionIndex, first, last);
        return new ScopeOccurrences(ruleId, scope, newFrom, newTill, Arrays.copyOfRange(starts, first, last),
                Arrays.copyOfRange(ends, first, last), Arrays.copyOfRange(resolved, first, last), definitions, index, last - first);
    }

    /**
     * Adds to {@code changed} the interval of every occurrence that is in one of {@code before} and {@code after} and
     * not the same in the other: where it was, where it is, with another end or other fields a conflict names (a
     * title; for a resource, the calendar and the role too). Both must cover the same range.
     */
    public static void differences(ScopeOccurrences before, ScopeOccurrences after, List<TimeRange> changed) {
        if (before.from != after.from || before.till != after.till) {
            throw new IllegalArgumentException("occurrences over different ranges cannot be compared");
        }
        int left = 0;
        int right = 0;
        while (left < before.size || right < after.size) {
            int order = left == before.size ? 1 : right == after.size ? -1 : compare(before, left, after, right);
            if (order < 0) {
                changed.add(before.interval(left++));
            } else if (order > 0) {
                changed.add(after.interval(right++));
            } else {
                if (before.ends[left] != after.ends[right] || !samePayload(before.scope, before.definition(left), after.definition(right))) {
                    changed.add(before.interval(left).span(after.interval(right)));
                }
                left++;
                right++;
            }
        }
    }

    private static int compare(ScopeOccurrences a, int left, ScopeOccurrences b, int right) {
        int byStart = Long.compare(a.starts[left], b.starts[right]);
        return byStart != 0 ? byStart : Long.compare(a.resolved[left], b.resolved[right]);
    }

    private static boolean samePayload(RuleScope scope, TimelineDefinition a, TimelineDefinition b) {
        if (a == b) {
            return true;
        }
        boolean sameTitle = a.title().equals(b.title());
        return scope.kind() == RuleScope.Kind.CALENDAR ? sameTitle
                : sameTitle && a.calendarId().equals(b.calendarId()) && scope.role(a).equals(scope.role(b));
    }

    /** The occurrence's interval, without making its id. */
    public TimeRange interval(int index) {
        return new TimeRange(Instant.ofEpochMilli(starts[index]), Instant.ofEpochMilli(ends[index]));
    }

    private static long[] concat(long[] first, int firstSize, long[] second, int secondSize) {
        long[] joined = Arrays.copyOf(first, firstSize + secondSize);
        System.arraycopy(second, 0, joined, firstSize, secondSize);
        return joined;
    }
}
