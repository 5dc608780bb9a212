package dev.almanac.query.horizon;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.rule.Rule;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * The occurrences one version of a rule will have materialised: those shared-recurrence gives for
 * its definition, resolving at or after {@code active_from} (rule-expander expands from there), and
 * that the rule runs as it stands ({@link Rule#runsAt}). Beyond the rule's materialised boundary
 * (the latest resolved instant published), only those resolving after it; they start at or after
 * their resolved instant, jitter being a delay. The series is expanded as it stands ({@link Series}):
 * no cancelled occurrence, none past its end, and no moved one, which rule-expander publishes as soon
 * as it is moved, wherever the horizon stands, so it is always materialised (ADR 0023).
 *
 * <p>Each whole UTC day's slot summary is kept once computed: it depends on nothing but this rule
 * version. Most days of a rule are alike, so equal summaries are shared.
 */
final class RuleOccurrences {

    /** Days kept per rule; beyond that the cache starts again (a year each way and some). */
    private static final int MAX_DAYS_KEPT = 1_000;
    private static final int PAGE = 10_000;
    /** Whole days computed together: one expansion instead of one per day. */
    private static final int DAYS_AT_ONCE = 32;

    private final Rule rule;
    private final RecurrenceSpec spec;
    private final Series series;
    private final String type;
    private final long lengthSeconds;
    private final Map<LocalDate, SlotSummary> wholeDays = new ConcurrentHashMap<>();
    private final Map<SlotSummary, SlotSummary> alike = new ConcurrentHashMap<>();

    private RuleOccurrences(Rule rule) {
        this.rule = rule;
        this.spec = rule.spec();
        this.series = rule.series();
        this.type = rule.jobTemplate() == null ? "" : rule.jobTemplate().type();
        this.lengthSeconds = rule.durationSeconds();
    }

    /** The rule's occurrences, or none for a rule whose definition has not been projected or that no longer runs. */
    static @Nullable RuleOccurrences of(Rule rule) {
        if (!rule.isDefined() || rule.calendarId() == null || rule.isDeleted()) {
            return null;
        }
        return new RuleOccurrences(rule);
    }

    Rule rule() {
        return rule;
    }

    String calendarId() {
        return rule.calendarId();
    }

    String type() {
        return type;
    }

    /**
     * The occurrences starting in {@code [from, till)} and resolving after {@code boundary} (any, when
     * null), in order of resolved instant.
     */
    List<Occurrence> startingIn(Instant from, Instant till, @Nullable Instant boundary) {
        List<Occurrence> found = new ArrayList<>();
        // An occurrence starts up to the jitter after it resolves, so look that much earlier.
        Instant cursor = from.minusSeconds(spec.jitterSeconds());
        if (rule.activeFrom() != null && rule.activeFrom().isAfter(cursor)) {
            cursor = rule.activeFrom();
        }
        if (boundary != null && !boundary.isBefore(cursor)) {
            cursor = boundary.plusNanos(1);
        }
        while (cursor.isBefore(till)) {
            Expansion page = series.expand(cursor, till, PAGE);
            for (Occurrence occurrence : page.occurrences()) {
                if (!occurrence.start().isBefore(from) && occurrence.start().isBefore(till) && rule.runsAt(occurrence.start())) {
                    found.add(occurrence);
                }
            }
            if (!page.truncated()) {
                break;
            }
            cursor = page.coveredUntil();
        }
        return found;
    }

    /**
     * The slot summary of the occurrences that start on the UTC {@code day} and resolve after
     * {@code boundary}. A day that starts more than the jitter after the boundary lies wholly beyond
     * it and comes from the kept whole days; a day that ends at or before it has none.
     */
    SlotSummary startingOn(LocalDate day, @Nullable Instant boundary) {
        Instant start = UtcSlots.startOf(day);
        Instant end = UtcSlots.startOf(day.plusDays(1));
        if (boundary != null && !end.isAfter(boundary)) {
            return SlotSummary.EMPTY;
        }
        if (boundary == null || start.minusSeconds(spec.jitterSeconds()).isAfter(boundary)) {
            return wholeDay(day);
        }
        return summary(startingIn(start, end, boundary));
    }

    /** A whole day's summary; a missing day is computed with the days after it, {@value #DAYS_AT_ONCE} in one expansion. */
    /**
     * Whether the day's summary is the same under both boundaries: both end the day before it
     * starts, or both lie far enough before it that the day is whole beyond them. A day at either
     * boundary is counted exactly, so it changes when the boundary moves.
     */
    boolean sameOn(LocalDate day, @Nullable Instant boundary, @Nullable Instant otherBoundary) {
        if (Objects.equals(boundary, otherBoundary)) {
            return true;
        }
        Instant start = UtcSlots.startOf(day);
        Instant end = UtcSlots.startOf(day.plusDays(1));
        boolean noneBefore = boundary != null && !end.isAfter(boundary);
        boolean noneAfter = otherBoundary != null && !end.isAfter(otherBoundary);
        boolean wholeBefore = boundary == null || start.minusSeconds(spec.jitterSeconds()).isAfter(boundary);
        boolean wholeAfter = otherBoundary == null || start.minusSeconds(spec.jitterSeconds()).isAfter(otherBoundary);
        return noneBefore && noneAfter || wholeBefore && wholeAfter;
    }

    private SlotSummary wholeDay(LocalDate day) {
        SlotSummary kept = wholeDays.get(day);
        if (kept != null) {
            return kept;
        }
        if (wholeDays.size() >= MAX_DAYS_KEPT) {
            wholeDays.clear();
            alike.clear();
        }
        Map<LocalDate, List<Occurrence>> byDay = new HashMap<>();
        for (Occurrence occurrence : startingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(DAYS_AT_ONCE)), null)) {
            byDay.computeIfAbsent(UtcSlots.dayOf(occurrence.start()), any -> new ArrayList<>()).add(occurrence);
        }
        SlotSummary asked = SlotSummary.EMPTY;
        for (int i = 0; i < DAYS_AT_ONCE; i++) {
            LocalDate counted = day.plusDays(i);
            SlotSummary summary = summary(byDay.getOrDefault(counted, List.of()));
            SlotSummary shared = alike.computeIfAbsent(summary, any -> summary);
            wholeDays.putIfAbsent(counted, shared);
            asked = i == 0 ? shared : asked;
        }
        return asked;
    }

    private SlotSummary summary(List<Occurrence> occurrences) {
        if (occurrences.isEmpty()) {
            return SlotSummary.EMPTY;
        }
        int[] counts = new int[UtcSlots.PER_DAY];
        occurrences.forEach(occurrence -> counts[UtcSlots.slotOf(occurrence.start())]++);
        SlotSummary.Builder builder = SlotSummary.builder();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            if (counts[slot] > 0) {
                builder.add(slot, type, counts[slot], lengthSeconds);
            }
        }
        return builder.build();
    }
}
