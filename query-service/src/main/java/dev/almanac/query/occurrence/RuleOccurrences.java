package dev.almanac.query.occurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntrySource;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.entry.RelationSummary;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.rule.Rule;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * The occurrences of one version of a rule, past and future: those its {@link RuleTimeline} gives, which are, id for id
 * and field for field, what rule-expander materialises and does not retract (ADR 0068). Each occurrence lands on the
 * calendar of the definition that produced it, so a rule moved to another queue keeps its history where it was.
 *
 * <p>Each UTC day's slot summaries (one per calendar the rule ever ran on) are kept once computed, in blocks of
 * {@value #DAYS_AT_ONCE} days computed in one pass of the timeline: they depend on nothing but this rule version. Most
 * days of a rule are alike, so equal summaries are shared.
 */
final class RuleOccurrences {

    /** Whole days computed together: one pass of the timeline instead of one per day. */
    static final int DAYS_AT_ONCE = 32;
    /** Blocks kept per rule; beyond that the cache starts again (about three and a half years). */
    private static final int MAX_BLOCKS_KEPT = 40;

    private final Rule rule;
    private final RuleTimeline timeline;
    /** Every calendar a definition of the rule put occurrences on, in the order of the day summaries' arrays. */
    private final List<String> calendars;
    private final Set<String> resources;
    private final Set<String> types;
    /** The longest an occurrence may start before an instant and still run at it: duration plus jitter, over the definitions. */
    private final long reachSeconds;
    private final Map<Long, SlotSummary[][]> blocks = new ConcurrentHashMap<>();
    private final Map<SlotSummary, SlotSummary> alike = new ConcurrentHashMap<>();

    private RuleOccurrences(Rule rule, RuleTimeline timeline) {
        this.rule = rule;
        this.timeline = timeline;
        Set<String> calendarIds = new LinkedHashSet<>();
        Set<String> resourceIds = new LinkedHashSet<>();
        Set<String> typeNames = new LinkedHashSet<>();
        long reach = 0;
        for (TimelineDefinition definition : timeline.definitions()) {
            calendarIds.add(definition.calendarId().value());
            definition.resources().forEach(booking -> resourceIds.add(booking.resourceId().value()));
            typeNames.add(countedType(rule, definition));
            reach = Math.max(reach, definition.spec().duration().toSeconds() + definition.jitterSeconds());
        }
        this.calendars = List.copyOf(calendarIds);
        this.resources = Set.copyOf(resourceIds);
        this.types = Set.copyOf(typeNames);
        this.reachSeconds = reach;
    }

    /** The type a window counts an occurrence as: a private rule's as {@link EntryCopy#PRIVATE_TYPE} (ADR 0096). */
    private static String countedType(Rule rule, TimelineDefinition definition) {
        return isPrivate(rule) ? EntryCopy.PRIVATE_TYPE : definition.type();
    }

    private static boolean isPrivate(Rule rule) {
        return rule.metadata() != null && rule.metadata().keptPrivate();
    }

    /** The rule's occurrences, or none for a rule without a timeline (its creation unseen, or one rule-expander cannot expand). */
    static @Nullable RuleOccurrences of(Rule rule, @Nullable RuleTimeline timeline) {
        return timeline == null ? null : new RuleOccurrences(rule, timeline);
    }

    Rule rule() {
        return rule;
    }

    RuleTimeline timeline() {
        return timeline;
    }

    String ruleId() {
        return rule.id();
    }

    /** Every calendar the rule's occurrences land on, the calendar of its first definition first. */
    List<String> calendars() {
        return calendars;
    }

    /** Every resource one of its definitions books. */
    Set<String> resources() {
        return resources;
    }

    /** Every type one of its definitions runs. */
    Set<String> types() {
        return types;
    }

    long reachSeconds() {
        return reachSeconds;
    }

    /**
     * Each occurrence starting in {@code [from, till)}, in no particular order. Approved backfill runs are left out: they
     * reach query-service as records of their own, stored as entries, as catch-up runs do.
     */
    void forEachStartingIn(Instant from, Instant till, Consumer<TimelineOccurrence> action) {
        timeline.forEachStartingIn(from, till, occurrence -> {
            if (occurrence.backfillOf() == null) {
                action.accept(occurrence);
            }
        });
    }

    /** Each occurrence of {@code calendarId} (of any calendar, when null) starting in {@code [from, till)}, as a window counts it. */
    void timingsStartingIn(Instant from, Instant till, @Nullable String calendarId, Consumer<EntryTiming> into) {
        if (calendarId != null && !calendars.contains(calendarId)) {
            return;
        }
        forEachStartingIn(from, till, occurrence -> {
            String calendar = occurrence.definition().calendarId().value();
            if (calendarId == null || calendarId.equals(calendar)) {
                into.accept(new EntryTiming(occurrence.start(), occurrence.end(), calendar, countedType(rule, occurrence.definition())));
            }
        });
    }

    /**
     * Each UTC day's summary of the occurrences starting that day, one per calendar in the order of {@link #calendars()};
     * the arrays are shared, not to be written to.
     */
    SlotSummary[] startingOn(LocalDate day) {
        long epochDay = day.toEpochDay();
        long block = Math.floorDiv(epochDay, DAYS_AT_ONCE);
        SlotSummary[][] kept = blocks.get(block);
        if (kept == null) {
            if (blocks.size() >= MAX_BLOCKS_KEPT) {
                blocks.clear();
                alike.clear();
            }
            kept = blocks.computeIfAbsent(block, this::counted);
        }
        return kept[(int) (epochDay - block * DAYS_AT_ONCE)];
    }

    /** The summaries of {@code calendarId} on the day, or of every calendar; empty entries left out. */
    List<Map.Entry<String, SlotSummary>> summariesOn(LocalDate day, @Nullable String calendarId) {
        SlotSummary[] summaries = startingOn(day);
        List<Map.Entry<String, SlotSummary>> found = new ArrayList<>(1);
        for (int calendar = 0; calendar < summaries.length; calendar++) {
            if (!summaries[calendar].isEmpty() && (calendarId == null || calendarId.equals(calendars.get(calendar)))) {
                found.add(Map.entry(calendars.get(calendar), summaries[calendar]));
            }
        }
        return found;
    }

    /** The block of days starting at {@code block × DAYS_AT_ONCE}, in one pass of the timeline. */
    private SlotSummary[][] counted(long block) {
        LocalDate first = LocalDate.ofEpochDay(block * DAYS_AT_ONCE);
        Map<Long, SlotSummary.Builder[]> byDay = new LinkedHashMap<>();
        forEachStartingIn(UtcSlots.startOf(first), UtcSlots.startOf(first.plusDays(DAYS_AT_ONCE)), occurrence -> {
            SlotSummary.Builder[] builders = byDay.computeIfAbsent(UtcSlots.dayOf(occurrence.start()).toEpochDay(),
                    any -> new SlotSummary.Builder[calendars.size()]);
            int calendar = calendars.indexOf(occurrence.definition().calendarId().value());
            if (builders[calendar] == null) {
                builders[calendar] = SlotSummary.builder();
            }
            builders[calendar].add(UtcSlots.slotOf(occurrence.start()), countedType(rule, occurrence.definition()),
                    Duration.between(occurrence.start(), occurrence.end()).toSeconds());
        });
        SlotSummary[] none = new SlotSummary[calendars.size()];
        Arrays.fill(none, SlotSummary.EMPTY);
        SlotSummary[][] days = new SlotSummary[DAYS_AT_ONCE][];
        for (int i = 0; i < DAYS_AT_ONCE; i++) {
            SlotSummary.Builder[] builders = byDay.get(first.toEpochDay() + i);
            if (builders == null) {
                days[i] = none;
                continue;
            }
            SlotSummary[] summaries = new SlotSummary[calendars.size()];
            for (int calendar = 0; calendar < summaries.length; calendar++) {
                SlotSummary summary = builders[calendar] == null ? SlotSummary.EMPTY : builders[calendar].build();
                summaries[calendar] = summary.isEmpty() ? SlotSummary.EMPTY : alike.computeIfAbsent(summary, any -> summary);
            }
            days[i] = summaries;
        }
        return days;
    }

    /** The occurrence as a calendar day's copy would hold it: its id and instants, its definition's title, type and resources. */
    EntryCopy copyOf(TimelineOccurrence occurrence) {
        TimelineDefinition definition = occurrence.definition();
        List<ResourceBooking> resources = definition.resources();
        return new EntryCopy(occurrence.id().value(), EntryKind.OCCURRENCE, definition.title(), definition.type(), occurrence.start(),
                occurrence.end(), occurrence.occurrence().zone().getId(), null, List.of(), rule.id(), 0, definition.version(), resources,
                EntrySource.of(EntryKind.OCCURRENCE, null), RelationSummary.NONE).withPrivate(isPrivate(rule));
    }
}
