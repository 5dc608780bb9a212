package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;

/**
 * A rule's occurrences over its whole history, computed from the events of {@code almanac.rules.v1}
 * alone: exactly those rule-expander has materialised and not retracted, had its horizon reached
 * every one of them, with the same ids, instants and fields. Past occurrences keep the definition
 * they were published with; an update changes them from where rule-expander's revision starts; a
 * pause, disable or deletion withdraws by start, and a resume brings back what starts from it on;
 * moved occurrences stand where they were moved, cancelled ones are gone, the end of a series
 * withdraws from its end on; an approved backfill run is an occurrence of its own. Catch-up runs,
 * which rule-expander starts from run reports, are not on this topic and not here.
 *
 * <p>An immutable value: {@link #apply} answers a new timeline, and applies each rule version at
 * most once (an event at or below {@link #version()} changes nothing), as rule-expander's store
 * does. It keeps one step per event and the definitions by version, so its size grows with the
 * rule's changes, never with its occurrences. A query expands each definition only where it may
 * have published something, and folds every step over an occurrence only near the instants where
 * the steps change (within the largest jitter); everywhere else a zone's answer applies.
 */
public final class RuleTimeline {

    private static final int PAGE = 10_000;

    private final RuleId ruleId;
    private final long version;
    private final List<TimelineDefinition> definitions;
    private final List<Step> steps;
    private final Lifecycle lifecycle;
    /** The occurrences with an exception of their own (moved or cancelled), by recurrence id, each folded as far as the steps go. */
    private final Map<Instant, Excepted> excepted;
    /** What stands of the excepted occurrences, and the backfill runs, by start. */
    private final TimelineOccurrence[] outsideSeries;
    private final List<TimelineOccurrence> backfills;
    private final Zones zones;

    private RuleTimeline(RuleId ruleId, long version, List<TimelineDefinition> definitions, List<Step> steps, Lifecycle lifecycle,
                         Map<Instant, Excepted> excepted, List<TimelineOccurrence> backfills) {
        this.ruleId = ruleId;
        this.version = version;
        this.definitions = List.copyOf(definitions);
        this.steps = List.copyOf(steps);
        this.lifecycle = lifecycle;
        this.excepted = Map.copyOf(excepted);
        this.backfills = List.copyOf(backfills);
        List<TimelineOccurrence> outside = new ArrayList<>(backfills);
        excepted.values().forEach(one -> {
            if (one.standing() != null) {
                outside.add(one.standing());
            }
        });
        outside.sort(TimelineOccurrence.START_ORDER);
        this.outsideSeries = outside.toArray(TimelineOccurrence[]::new);
        this.zones = new Zones(this.definitions, this.steps);
    }

    /**
     * The timeline a rule's creation starts, at the envelope's version. Empty when rule-expander
     * cannot expand the rule: it dead-letters such a creation, and publishes nothing of the rule.
     */
    public static Optional<RuleTimeline> start(RuleCreated created, EventMetadata envelope) {
        TimelineDefinition definition;
        try {
            definition = TimelineDefinition.of(created, envelope.aggregateVersion());
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new RuleTimeline(created.ruleId(), envelope.aggregateVersion(), List.of(definition),
                List.of(new Step.Created(0, Lifecycle.ACTIVE)), Lifecycle.ACTIVE, Map.of(), List.of()));
    }

    /**
     * The timeline after {@code event}: {@code before} if the event is not the rule's or is at a
     * version already applied; started by a creation when there is none yet. Null while there is
     * no timeline (no creation seen, or one that cannot be expanded).
     */
    public static @Nullable RuleTimeline next(@Nullable RuleTimeline before, RuleEvent event, EventMetadata envelope) {
        if (before != null) {
            return before.apply(event, envelope);
        }
        return event instanceof RuleCreated created ? start(created, envelope).orElse(null) : null;
    }

    /**
     * This timeline after {@code event}, at the envelope's version; this one unchanged for an event
     * of another rule, at or below {@link #version()}, a change request's, or an update rule-expander
     * cannot expand (it dead-letters that update and keeps the rule as it was).
     */
    public RuleTimeline apply(RuleEvent event, EventMetadata envelope) {
        if (envelope.aggregateVersion() <= version || !event.subject().equals(ruleId.value())) {
            return this;
        }
        return event.accept(new Changes(envelope.aggregateVersion()), envelope);
    }

    public RuleId ruleId() {
        return ruleId;
    }

    /** The version of the last rule event applied. */
    public long version() {
        return version;
    }

    /** The definition in force now. */
    public TimelineDefinition definition() {
        return definitions.get(definitions.size() - 1);
    }

    /** Every definition the rule had, by version; the first is its creation's. */
    public List<TimelineDefinition> definitions() {
        return definitions;
    }

    /** How many steps it keeps: one per applied event but a backfill's. Its size grows with these, not with occurrences. */
    public int steps() {
        return steps.size();
    }

    /** The steps, in order: what the fold of one occurrence goes through. */
    List<Step> stepList() {
        return steps;
    }

    /** The occurrences starting in {@code [from, till)}, in {@link TimelineOccurrence#START_ORDER}. */
    public List<TimelineOccurrence> startingIn(Instant from, Instant till) {
        List<TimelineOccurrence> found = new ArrayList<>();
        visit(from, till, occurrence -> {
            found.add(occurrence);
            return true;
        });
        found.sort(TimelineOccurrence.START_ORDER);
        return found;
    }

    /** Each occurrence starting in {@code [from, till)}, in no particular order: what {@link #startingIn} lists, without the list. */
    public void forEachStartingIn(Instant from, Instant till, Consumer<TimelineOccurrence> action) {
        visit(from, till, occurrence -> {
            action.accept(occurrence);
            return true;
        });
    }

    /** Whether any occurrence starts in {@code [from, till)}; stops at the first. */
    public boolean anyStartingIn(Instant from, Instant till) {
        return !visit(from, till, occurrence -> false);
    }

    /**
     * An instant from which no occurrence starts; empty while occurrences may go on without end. A
     * deleted rule, one paused or disabled for good, one whose series ended or whose schedule ends
     * (COUNT, UNTIL) has one, and nothing starting from it needs expanding.
     */
    public Optional<Instant> nothingStartsFrom() {
        Instant bound = outsideSeries.length == 0 ? Instant.MIN : Arrays.stream(outsideSeries).map(TimelineOccurrence::start)
                .max(Instant::compareTo).orElseThrow().plusNanos(1);
        Instant last = zones.lastThreshold();
        if (last != null) {
            bound = latest(bound, last.plusSeconds(zones.maxJitterSeconds() + 1));
        }
        int lastZone = zones.size() - 1;
        for (int definition = 0; definition < definitions.size(); definition++) {
            if (zones.claim(lastZone, definition) == Zones.Claim.NEVER) {
                continue;
            }
            TimelineDefinition candidate = definitions.get(definition);
            Optional<Occurrence> lastOccurrence;
            try {
                lastOccurrence = candidate.spec().schedule().isFinite() ? RecurrenceExpander.last(candidate.spec()) : null;
            } catch (InvalidScheduleException e) {
                lastOccurrence = null;
            }
            if (lastOccurrence == null) {
                return Optional.empty();
            }
            if (lastOccurrence.isPresent()) {
                bound = latest(bound, lastOccurrence.get().start().plusSeconds(1));
            }
        }
        return bound.equals(Instant.MIN) ? Optional.of(definitions.get(0).activeFrom()) : Optional.of(bound);
    }

    /**
     * Offers each occurrence starting in {@code [from, till)} to {@code sink} until it declines one.
     *
     * @return false if the sink declined one
     */
    private boolean visit(Instant from, Instant till, Predicate<TimelineOccurrence> sink) {
        if (!from.isBefore(till)) {
            return true;
        }
        for (int index = firstOutsideFrom(from); index < outsideSeries.length && outsideSeries[index].start().isBefore(till); index++) {
            if (!sink.test(outsideSeries[index])) {
                return false;
            }
        }
        Instant activeFrom = definitions.get(0).activeFrom();
        for (int index = 0; index < definitions.size(); index++) {
            TimelineDefinition definition = definitions.get(index);
            // A start lies up to the jitter after its resolved instant, so look that much earlier.
            Instant earliest = latest(from.minusSeconds(definition.jitterSeconds()), activeFrom);
            for (Zones.Window window : zones.windows(index, earliest, till)) {
                if (!visit(index, window, from, till, sink)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The index of the first occurrence outside the series that starts at or after {@code from}. */
    private int firstOutsideFrom(Instant from) {
        int low = 0;
        int high = outsideSeries.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (outsideSeries[middle].start().isBefore(from)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private boolean visit(int index, Zones.Window window, Instant from, Instant till, Predicate<TimelineOccurrence> sink) {
        TimelineDefinition definition = definitions.get(index);
        Instant cursor = window.from();
        while (cursor.isBefore(window.until())) {
            Expansion page = RecurrenceExpander.expand(definition.spec(), cursor, window.until(), PAGE);
            for (Occurrence occurrence : page.occurrences()) {
                if (occurrence.start().isBefore(from) || !occurrence.start().isBefore(till)
                        || excepted.containsKey(occurrence.resolvedInstant())) {
                    continue;
                }
                if (publishedWith(index, occurrence) && !sink.test(new TimelineOccurrence(occurrence, definition, null, null))) {
                    return false;
                }
            }
            if (!page.truncated()) {
                break;
            }
            cursor = page.coveredUntil();
        }
        return true;
    }

    /** Whether the occurrence {@code index}'s definition gives, with no exception of its own, stands published with that definition. */
    private boolean publishedWith(int index, Occurrence occurrence) {
        Instant resolved = occurrence.resolvedInstant();
        if (zones.quiet(resolved)) {
            Zones.Claim claim = zones.claim(zones.zoneOf(resolved), index);
            if (claim != Zones.Claim.DEPENDS) {
                return claim == Zones.Claim.ALWAYS;
            }
        }
        OccurrenceState state = new OccurrenceFold(definitions, resolved).knowing(index, occurrence).standing(steps);
        return state.record() == index && state.recordMovedTo() == null;
    }

    private RuleTimeline with(long newVersion, List<TimelineDefinition> newDefinitions, Step step, Lifecycle newLifecycle,
                              @Nullable Instant exceptionOf) {
        List<Step> newSteps = new ArrayList<>(steps);
        newSteps.add(step);
        Map<Instant, Excepted> newExcepted = new HashMap<>(excepted);
        if (exceptionOf != null && !excepted.containsKey(exceptionOf)) {
            // Its first exception: until now it stood in the series, where every step before this one applied to it.
            newExcepted.put(exceptionOf, new Excepted(new OccurrenceFold(newDefinitions, exceptionOf).standing(steps), null));
        }
        newExcepted.replaceAll((recurrenceId, one) -> {
            OccurrenceFold fold = new OccurrenceFold(newDefinitions, recurrenceId);
            OccurrenceState after = fold.apply(one.state(), step);
            // A record names its definition by index, and definitions are only ever added: an unchanged state stands as it stood.
            return after.equals(one.state()) && excepted.containsKey(recurrenceId) ? one
                    : new Excepted(after, fold.occurrence(after));
        });
        return new RuleTimeline(ruleId, newVersion, newDefinitions, newSteps, newLifecycle, newExcepted, backfills);
    }

    private RuleTimeline with(long newVersion, Step step) {
        return with(newVersion, definitions, step, step.lifecycle(), null);
    }

    private int current() {
        return definitions.size() - 1;
    }

    /** rule-expander stores these instants as BSON dates: to the millisecond, which is how it compares them. */
    private static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static @Nullable Instant storedOrNull(@Nullable Instant instant) {
        return instant == null ? null : stored(instant);
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    /** What each event of {@code almanac.rules.v1} does to the timeline, as rule-expander's intake decides it. */
    private final class Changes implements RuleEvent.Handler<RuleTimeline> {

        private final long newVersion;

        Changes(long newVersion) {
            this.newVersion = newVersion;
        }

        @Override
        public RuleTimeline on(RuleCreated event, EventMetadata envelope) {
            // A rule is created once; rule-expander stores the first creation and keeps it.
            return RuleTimeline.this;
        }

        @Override
        public RuleTimeline on(RuleUpdated event, EventMetadata envelope) {
            TimelineDefinition replacement;
            try {
                replacement = definition().updatedBy(event, newVersion);
            } catch (InvalidScheduleException | IllegalArgumentException e) {
                return RuleTimeline.this;
            }
            if (replacement.givesTheSameRecordsAs(definition())) {
                // rule-expander publishes no record that an update leaves as it was: each keeps its definition's version.
                return new RuleTimeline(ruleId, newVersion, definitions, steps, lifecycle, excepted, backfills);
            }
            List<TimelineDefinition> newDefinitions = new ArrayList<>(definitions);
            newDefinitions.add(replacement);
            int index = newDefinitions.size() - 1;
            Instant from = lifecycle.revisionStart(stored(event.updatedAt()), replacement.activeFrom());
            Step step = from == null ? new Step.Replaced(index, lifecycle) : new Step.Revised(index, lifecycle, from);
            return with(newVersion, newDefinitions, step, lifecycle, null);
        }

        @Override
        public RuleTimeline on(RulePaused event, EventMetadata envelope) {
            Lifecycle paused = Lifecycle.paused(storedOrNull(event.resumeAfter()));
            return with(newVersion, new Step.Withdrawn(current(), paused, stored(event.pausedAt()), paused.resumeAfter()));
        }

        @Override
        public RuleTimeline on(RuleResumed event, EventMetadata envelope) {
            return with(newVersion, new Step.Restored(current(), Lifecycle.ACTIVE, stored(event.resumedAt())));
        }

        @Override
        public RuleTimeline on(RuleDisabled event, EventMetadata envelope) {
            return with(newVersion, new Step.Withdrawn(current(), Lifecycle.paused(null), stored(event.disabledAt()), null));
        }

        @Override
        public RuleTimeline on(RuleEnabled event, EventMetadata envelope) {
            return with(newVersion, new Step.Restored(current(), Lifecycle.ACTIVE, stored(event.enabledAt())));
        }

        @Override
        public RuleTimeline on(RuleDeleted event, EventMetadata envelope) {
            return with(newVersion, new Step.Withdrawn(current(), Lifecycle.DELETED, stored(event.deletedAt()), null));
        }

        @Override
        public RuleTimeline on(RuleOccurrenceMoved event, EventMetadata envelope) {
            Instant recurrenceId = stored(event.recurrenceId());
            return with(newVersion, definitions, new Step.Moved(current(), lifecycle, recurrenceId, stored(event.start())), lifecycle,
                    recurrenceId);
        }

        @Override
        public RuleTimeline on(RuleOccurrenceCancelled event, EventMetadata envelope) {
            Instant recurrenceId = stored(event.recurrenceId());
            return with(newVersion, definitions, new Step.Cancelled(current(), lifecycle, recurrenceId), lifecycle, recurrenceId);
        }

        @Override
        public RuleTimeline on(RuleEnded event, EventMetadata envelope) {
            return with(newVersion, new Step.Ended(current(), lifecycle, stored(event.endsAt())));
        }

        @Override
        public RuleTimeline on(RuleMissedRunDecided event, EventMetadata envelope) {
            Instant recurrenceId = stored(event.recurrenceId());
            if (event.action() == MissedRunAction.RESCHEDULE) {
                return with(newVersion, definitions, new Step.Moved(current(), lifecycle, recurrenceId, storedOrNull(event.newStart())),
                        lifecycle, event.newStart() == null && !excepted.containsKey(recurrenceId) ? null : recurrenceId);
            }
            if (event.action() == MissedRunAction.DELETE_MISSED) {
                return with(newVersion, definitions, new Step.Cancelled(current(), lifecycle, recurrenceId), lifecycle, recurrenceId);
            }
            return backfilled(event);
        }

        /**
         * {@code ExceptionPlanner.backfill}: a run of its own, where the operator approved it, with the
         * definition in force, if the rule runs then and its series has the missed occurrence. The
         * rule's version moves on either way, as rule-expander's does.
         */
        private RuleTimeline backfilled(RuleMissedRunDecided event) {
            OccurrenceId runId = event.backfillId();
            Instant start = event.newStart();
            List<TimelineOccurrence> newBackfills = new ArrayList<>(backfills);
            if (runId != null && start != null && lifecycle.runsAt(start)) {
                TimelineDefinition definition = definition();
                Occurrence missed = definition.at(event.recurrenceId());
                Instant endsAt = seriesEnd();
                if (missed != null && (endsAt == null || missed.resolvedInstant().isBefore(endsAt))) {
                    Occurrence run = new Occurrence(runId, ruleId, missed.nominalLocalTime(), missed.zone(), missed.resolvedInstant(),
                            start, start.plus(definition.spec().duration()), missed.dstResolution(), definition.tzdataVersion());
                    newBackfills.add(new TimelineOccurrence(run, definition, null, missed.id()));
                }
            }
            return new RuleTimeline(ruleId, newVersion, definitions, steps, lifecycle, excepted, newBackfills);
        }

        /** A run of its own that the dispatcher dispatches; rule-expander publishes nothing of it, and no occurrence changes. */
        @Override
        public RuleTimeline on(RuleRunRequested event, EventMetadata envelope) {
            return RuleTimeline.this;
        }

        @Override
        public RuleTimeline on(RuleChangeProposed event, EventMetadata envelope) {
            return RuleTimeline.this;
        }

        @Override
        public RuleTimeline on(RuleChangeConfirmed event, EventMetadata envelope) {
            return RuleTimeline.this;
        }

        @Override
        public RuleTimeline on(RuleChangeRejected event, EventMetadata envelope) {
            return RuleTimeline.this;
        }

        /** A reminder is the dispatcher's (ADR 0079); no occurrence changes. */
        @Override
        public RuleTimeline on(RuleReminderSet event, EventMetadata envelope) {
            return RuleTimeline.this;
        }

        @Override
        public RuleTimeline on(RuleReminderRemoved event, EventMetadata envelope) {
            return RuleTimeline.this;
        }
    }

    /** An occurrence with an exception of its own: how the steps left it, and what of it stands published. */
    private record Excepted(OccurrenceState state, @Nullable TimelineOccurrence standing) {
    }

    /** Where the series ends now: the last end's instant, if it was ended. */
    private @Nullable Instant seriesEnd() {
        Instant endsAt = null;
        for (Step step : steps) {
            if (step instanceof Step.Ended ended) {
                endsAt = ended.endsAt();
            }
        }
        return endsAt;
    }

    @Override
    public String toString() {
        return "RuleTimeline[" + ruleId + " v" + version + ", " + definitions.size() + " definitions, " + steps.size() + " steps, "
                + excepted.size() + " exceptions, " + backfills.size() + " backfills]";
    }
}
