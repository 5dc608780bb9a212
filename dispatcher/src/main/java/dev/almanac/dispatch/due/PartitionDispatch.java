package dev.almanac.dispatch.due;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.run.RunEvent;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * What falls due in one partition of the calendars, and when (ADR 0070). It holds the rules routed to the partition
 * (each with its timeline and the calendars it has here), the <em>watermark</em> (every occurrence starting before it
 * has been decided), an index of each rule's next start, and the runs outside the series that wait to be dispatched.
 *
 * <p>{@link #due} moves the watermark up to a bound the caller's clock has reached, never beyond, and publishes each
 * occurrence it passes that the partition owns: so each is decided exactly once, and never before its start. One
 * reached more than the misfire threshold late is not dispatched but reported ({@code DispatchMisfired}). A rule event
 * that arrives after the watermark passed instants it changes is compared with the rule as it was over the recent
 * past: an occurrence it adds there is dispatched late (or misfired), and one it takes away from there, which was
 * dispatched, is guarded, so that wherever it moves to it is not dispatched again.
 *
 * <p>Not thread-safe: one Kafka Streams task owns it. It reads no clock; each call is given the time.
 */
public final class PartitionDispatch {

    private static final Duration FIRST_SEARCH_STEP = Duration.ofMinutes(1);
    private static final Duration LONGEST_SEARCH_STEP = Duration.ofDays(32);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final DispatchSettings settings;
    private final Instant began;
    private final Map<RuleId, Held> rules = new HashMap<>();
    private final NavigableSet<Wake> wakes = new TreeSet<>();
    private final Map<OccurrenceId, Instant> guarded = new HashMap<>();
    private final NavigableSet<PendingRun> pending = new TreeSet<>(PendingRun.DUE_ORDER);
    private final Set<String> pendingKeys = new HashSet<>();
    private final Map<String, Instant> done = new HashMap<>();
    private final RunTracker runs;
    private Instant watermark;
    private Instant nextPrune = Instant.MIN;

    /**
     * @param watermark where the partition's decisions stand
     * @param began     when the partition first dispatched: nothing starting before it is ever dispatched, so that the
     *                  first start after the rules' history is read dispatches nothing of that history
     */
    public PartitionDispatch(DispatchSettings settings, Instant watermark, Instant began) {
        this.settings = settings;
        this.watermark = watermark;
        this.began = began;
        this.runs = new RunTracker(settings);
    }

    public Instant watermark() {
        return watermark;
    }

    public Instant began() {
        return began;
    }

    public int rules() {
        return rules.size();
    }

    public int pendingRuns() {
        return pending.size();
    }

    /** How many occurrences of rules with enforced options the partition follows, final ones included. */
    public int followedRuns() {
        return runs.followed();
    }

    /** The calendars of the rule that are routed to this partition; empty for a rule it does not hold. */
    public Set<CalendarId> calendarsOf(RuleId ruleId) {
        Held held = rules.get(ruleId);
        return held == null ? Set.of() : Set.copyOf(held.calendars);
    }

    // ---- restoring from the stores: folds and remembers, decides nothing ----

    public void restoreRule(CalendarId routedTo, RuleEvent event, EventMetadata envelope) {
        RuleId ruleId = RuleId.of(event.partitionKey());
        Held held = rules.get(ruleId);
        RuleState after = RuleState.next(held == null ? null : held.state, event, envelope);
        if (after == null) {
            return;
        }
        if (held == null) {
            held = new Held(ruleId, after);
            rules.put(ruleId, held);
        }
        held.state = after;
        held.calendars.add(routedTo);
    }

    public void restoreGuard(OccurrenceId occurrenceId, Instant expires) {
        guarded.put(occurrenceId, expires);
    }

    public void restorePending(PendingRun run) {
        if (pendingKeys.add(run.key())) {
            pending.add(run);
        }
    }

    public void restoreDone(String runKey, Instant expires) {
        done.put(runKey, expires);
    }

    public void restoreTracked(TrackedRun run) {
        runs.restore(run);
    }

    public void restoreBuffered(PendingRun run) {
        runs.restoreBuffered(run);
    }

    /** Indexes every restored rule's next start from the watermark; call once, after the restore calls. */
    public void restored() {
        rules.values().forEach(held -> schedule(held, watermark));
        pending.forEach(runs::reserveIfLetGo);
    }

    // ---- live ----

    /**
     * Applies one event of a rule, routed to this partition for the calendar {@code routedTo}.
     *
     * @return whether the partition's view of the rule changed, so that the event must be kept
     */
    public boolean onRuleEvent(CalendarId routedTo, RuleEvent event, EventMetadata envelope, Instant now, DispatchSink sink) {
        Instant clock = now.truncatedTo(ChronoUnit.MILLIS);
        RuleId ruleId = RuleId.of(event.partitionKey());
        Held held = rules.get(ruleId);
        if (event instanceof RuleRunRequested requested) {
            runNow(held, routedTo, requested, envelope, clock, sink);
            // Nothing of the rule changes, so the event is not kept: the pending run is stored on its own.
            return false;
        }
        RuleState before = held == null ? null : held.state;
        Set<CalendarId> calendarsBefore = held == null ? Set.of() : Set.copyOf(held.calendars);
        RuleState after = RuleState.next(before, event, envelope);
        if (after == null || after == before && calendarsBefore.contains(routedTo)) {
            return false;
        }
        Set<CalendarId> calendarsAfter = new HashSet<>(calendarsBefore);
        calendarsAfter.add(routedTo);
        if (held == null) {
            held = new Held(ruleId, after);
            rules.put(ruleId, held);
        }
        compareThePast(held, before, calendarsBefore, after, calendarsAfter, clock, sink);
        held.state = after;
        held.calendars.addAll(calendarsAfter);
        if (event instanceof RuleMissedRunDecided decided && after != before) {
            backfillApproved(held, decided, envelope, sink);
        }
        reschedule(held);
        return true;
    }

    /** A catch-up run that rule-expander's check started for a missed occurrence: dispatched once, when its time has come. */
    public boolean onCatchUp(OccurrenceMissed missed, EventMetadata envelope, DispatchSink sink) {
        OccurrenceId run = missed.catchUpRun();
        Held held = rules.get(missed.ruleId());
        if (run == null || held == null || !held.calendars.contains(missed.calendarId())) {
            return false;
        }
        return addPending(new PendingRun(run, 1, missed.ruleId(), missed.calendarId(), missed.detectedAt(), missed.detectedAt(),
                DispatchTrigger.CATCH_UP, missed.occurrenceId(), envelope.actor(), envelope.correlationId(), envelope.traceparent(), false),
                sink);
    }

    /** A run report: enforces the options of the report's rule; one that changes nothing is refused, with its reason. */
    public void onRunReport(RunEvent report, Instant now, DispatchSink sink) {
        String refused = runs.onReport(report, now.truncatedTo(ChronoUnit.MILLIS), this::detailsOf, run -> addPending(run, sink), sink);
        if (refused != null) {
            sink.refused(report, refused);
        }
    }

    /**
     * Decides everything that starts up to {@code bound} (and up to {@code now}, never beyond): each occurrence the
     * watermark passes is dispatched, or misfired if {@code now} is more than the threshold after its start, and each
     * pending run whose time has come is dispatched.
     */
    public void due(Instant bound, Instant now, DispatchSink sink) {
        Instant clock = now.truncatedTo(ChronoUnit.MILLIS);
        Instant until = earliest(bound.truncatedTo(ChronoUnit.MILLIS), clock).plusMillis(1);
        runs.due(until, clock, this::detailsOf, run -> addPending(run, sink), sink);
        if (until.isAfter(watermark)) {
            Instant from = watermark;
            while (!wakes.isEmpty() && wakes.first().at().isBefore(until)) {
                Held held = rules.get(wakes.pollFirst().ruleId());
                held.wake = null;
                decideSeries(held, from, until, clock, sink);
                schedule(held, until);
            }
            watermark = until;
            sink.watermark(until);
        }
        while (!pending.isEmpty() && pending.first().dueAt().isBefore(watermark)) {
            PendingRun run = pending.pollFirst();
            pendingKeys.remove(run.key());
            RuleDetails details = detailsOf(run.ruleId());
            if (details != null) {
                dispatch(run, details, clock, sink);
            }
            Instant expires = clock.plus(settings.doneRetention());
            done.put(run.key(), expires);
            sink.settled(run, expires);
        }
        prune(clock, sink);
    }

    /** When the next occurrence or pending run falls due, or a followed run's deadline comes; empty when nothing ever will. */
    public Optional<Instant> nextWake() {
        Instant next = wakes.isEmpty() ? null : wakes.first().at();
        if (!pending.isEmpty() && (next == null || pending.first().dueAt().isBefore(next))) {
            next = pending.first().dueAt();
        }
        Instant deadline = runs.nextDeadline().orElse(null);
        if (deadline != null && (next == null || deadline.isBefore(next))) {
            next = deadline;
        }
        return Optional.ofNullable(next);
    }

    // ---- decisions ----

    private void decideSeries(Held held, Instant from, Instant until, Instant clock, DispatchSink sink) {
        Instant dispatchFrom = latest(from, clock.minus(settings.misfireThreshold()));
        if (dispatchFrom.isAfter(from)) {
            countMisfires(held, from, earliest(dispatchFrom, until), clock, sink);
        }
        for (TimelineOccurrence occurrence : owned(held.state.timeline(), held.calendars, dispatchFrom, until).values()) {
            if (!isGuarded(occurrence.id(), clock)) {
                dispatch(held, occurrence, clock, sink);
            }
        }
    }

    /**
     * The rule as it was and as it is now, over the recent past the watermark has passed: what it adds there is due
     * now (or misfired), and what it takes away from there was dispatched and is guarded.
     */
    private void compareThePast(Held held, @Nullable RuleState before, Set<CalendarId> calendarsBefore, RuleState after,
                                Set<CalendarId> calendarsAfter, Instant clock, DispatchSink sink) {
        Instant from = latest(began, watermark.minus(settings.retroWindow()));
        if (!from.isBefore(watermark)) {
            return;
        }
        // A heartbeat's past beats (ADR 0073) count as decided too: they stay as they were, not dispatched.
        Map<OccurrenceId, TimelineOccurrence> was = before == null ? Map.of()
                : owned(before.timeline(), calendarsBefore, from, watermark);
        // A heartbeat's beats are never dispatched (ADR 0073): nothing it adds is due, and what it takes away needs no guard.
        Map<OccurrenceId, TimelineOccurrence> is = after.details().options().dispatched()
                ? owned(after.timeline(), calendarsAfter, from, watermark) : was;
        Instant misfiredBefore = clock.minus(settings.misfireThreshold());
        Misfires misfires = new Misfires();
        Held now = new Held(held.ruleId, after);
        for (TimelineOccurrence occurrence : is.values()) {
            if (was.containsKey(occurrence.id()) || isGuarded(occurrence.id(), clock)) {
                continue;
            }
            if (occurrence.start().isBefore(misfiredBefore)) {
                misfires.count(occurrence);
            } else {
                dispatch(now, occurrence, clock, sink);
            }
        }
        misfires.publish(now, null, clock, sink);
        for (OccurrenceId gone : was.keySet()) {
            if (!is.containsKey(gone)) {
                Instant expires = clock.plus(settings.guardRetention());
                guarded.put(gone, expires);
                sink.guard(gone, expires);
            }
        }
    }

    private void backfillApproved(Held held, RuleMissedRunDecided decided, EventMetadata envelope, DispatchSink sink) {
        OccurrenceId run = decided.backfillId();
        Instant start = decided.newStart();
        if (decided.action() != MissedRunAction.APPROVE_BACKFILL_RUN || run == null || start == null) {
            return;
        }
        Instant at = start.truncatedTo(ChronoUnit.MILLIS);
        for (TimelineOccurrence occurrence : held.state.timeline().startingIn(at, at.plusMillis(1))) {
            if (occurrence.id().equals(run) && held.calendars.contains(occurrence.definition().calendarId())) {
                addPending(new PendingRun(run, 1, held.ruleId, occurrence.definition().calendarId(), occurrence.start(), occurrence.start(),
                        DispatchTrigger.BACKFILL, occurrence.backfillOf(), envelope.actor(), envelope.correlationId(),
                        envelope.traceparent(), false), sink);
            }
        }
    }

    /**
     * A run asked for at once, on the calendar the rule stands on now (the router sends the event to every calendar the
     * rule ever had). Someone waits for it, so it is dispatched in this record's transaction, not on a tick: a tick
     * orders the series after the rule events before it, and this run is no part of the series. Only if it was asked for
     * after this partition's clock (another host's clock ahead) does it wait, as a pending run, for its instant. None
     * asked for before the partition began dispatching: that is history.
     */
    private void runNow(@Nullable Held held, CalendarId routedTo, RuleRunRequested requested, EventMetadata envelope, Instant clock,
                        DispatchSink sink) {
        Instant at = requested.requestedAt().truncatedTo(ChronoUnit.MILLIS);
        if (held == null || !held.state.timeline().definition().calendarId().equals(routedTo) || at.isBefore(began)) {
            return;
        }
        PendingRun run = new PendingRun(requested.runId(), 1, held.ruleId, routedTo, at, at, DispatchTrigger.RUN_NOW, null, envelope.actor(),
                envelope.correlationId(), envelope.traceparent(), false);
        if (at.isAfter(clock)) {
            addPending(run, sink);
        } else if (!done.containsKey(run.key()) && !pendingKeys.contains(run.key())) {
            dispatch(run, held.state.details(), clock, sink);
            Instant expires = clock.plus(settings.doneRetention());
            done.put(run.key(), expires);
            sink.settled(run, expires);
        }
    }

    private boolean addPending(PendingRun run, DispatchSink sink) {
        if (done.containsKey(run.key()) || !pendingKeys.add(run.key())) {
            return false;
        }
        pending.add(run);
        sink.pending(run);
        return true;
    }

    private void dispatch(Held held, TimelineOccurrence occurrence, Instant clock, DispatchSink sink) {
        RuleDetails details = held.state.details();
        dispatch(new PendingRun(occurrence.id(), 1, held.ruleId, occurrence.definition().calendarId(), occurrence.start(), occurrence.start(),
                DispatchTrigger.SCHEDULED, null, details.actor(), details.correlationId(), details.traceparent(), false), details, clock, sink);
    }

    /**
     * Publishes the attempt unless its rule is a heartbeat (ADR 0073) or its concurrency holds it back, and follows it if
     * its options ask for that.
     */
    private void dispatch(PendingRun run, RuleDetails details, Instant clock, DispatchSink sink) {
        if (!details.options().dispatched() || !runs.admit(run, details, clock, sink)) {
            return;
        }
        OccurrenceDue due = new OccurrenceDue(run.occurrenceId(), run.ruleId(), details.version(), run.calendarId(), details.name(),
                run.occurrenceStart(), run.dueAt(), run.attempt(), run.trigger(), details.jobTemplate(), clock, timeoutAt(details, clock),
                run.backfillOf());
        sink.publish(due, DispatchEnvelopes.of(due, run.actor(), run.correlationId(), run.traceparent()));
        runs.dispatched(run, details, clock, due.timeoutAt(), sink);
    }

    private @Nullable RuleDetails detailsOf(RuleId ruleId) {
        Held held = rules.get(ruleId);
        return held == null ? null : held.state.details();
    }

    private static @Nullable Instant timeoutAt(RuleDetails details, Instant dispatchedAt) {
        Integer seconds = details.jobTemplate().timeoutSeconds();
        return seconds == null ? null : dispatchedAt.plusSeconds(seconds);
    }

    /** Counts, up to the cap, the occurrences in {@code [from, to)} not dispatched, in growing steps, and reports them. */
    private void countMisfires(Held held, Instant from, Instant to, Instant clock, DispatchSink sink) {
        RuleTimeline timeline = held.state.timeline();
        Optional<Instant> ends = timeline.nothingStartsFrom();
        Instant end = ends.isPresent() ? earliest(ends.get(), to) : to;
        Misfires misfires = new Misfires();
        Instant cursor = from;
        Duration step = FIRST_SEARCH_STEP;
        while (cursor.isBefore(end) && !misfires.full()) {
            Instant next = earliest(cursor.plus(step), end);
            for (TimelineOccurrence occurrence : owned(timeline, held.calendars, cursor, next).values()) {
                if (!isGuarded(occurrence.id(), clock)) {
                    misfires.count(occurrence);
                }
            }
            cursor = next;
            step = longest(step.multipliedBy(2), LONGEST_SEARCH_STEP);
        }
        misfires.publish(held, misfires.full() ? to : null, clock, sink);
    }

    // ---- the index of next starts ----

    private void reschedule(Held held) {
        if (held.wake != null) {
            wakes.remove(held.wake);
            held.wake = null;
        }
        schedule(held, watermark);
    }

    /** Indexes the rule at its first owned start from {@code from} on; at the search limit when none is in reach. */
    private void schedule(Held held, Instant from) {
        if (!held.state.details().options().dispatched()) {
            // A heartbeat (ADR 0073): its system reports its runs, none is dispatched, so nothing wakes for it.
            return;
        }
        RuleTimeline timeline = held.state.timeline();
        Optional<Instant> ends = timeline.nothingStartsFrom();
        Instant limit = from.plus(settings.searchLimit());
        Instant end = ends.isPresent() ? earliest(ends.get(), limit) : limit;
        Instant cursor = from;
        Duration step = FIRST_SEARCH_STEP;
        while (cursor.isBefore(end)) {
            Instant next = earliest(cursor.plus(step), end);
            Instant first = null;
            for (TimelineOccurrence occurrence : owned(timeline, held.calendars, cursor, next).values()) {
                if (first == null || occurrence.start().isBefore(first)) {
                    first = occurrence.start();
                }
            }
            if (first != null) {
                index(held, first);
                return;
            }
            cursor = next;
            step = longest(step.multipliedBy(4), LONGEST_SEARCH_STEP);
        }
        if (ends.isEmpty() || ends.get().isAfter(limit)) {
            index(held, limit);
        }
    }

    private void index(Held held, Instant at) {
        held.wake = new Wake(at, held.ruleId);
        wakes.add(held.wake);
    }

    /** The occurrences of the series and moved ones, starting in {@code [from, till)}, on a calendar the partition holds, by id, in start order. */
    private static Map<OccurrenceId, TimelineOccurrence> owned(RuleTimeline timeline, Set<CalendarId> calendars, Instant from, Instant till) {
        Map<OccurrenceId, TimelineOccurrence> owned = new LinkedHashMap<>();
        for (TimelineOccurrence occurrence : timeline.startingIn(from, till)) {
            if (occurrence.backfillOf() == null && calendars.contains(occurrence.definition().calendarId())) {
                owned.put(occurrence.id(), occurrence);
            }
        }
        return owned;
    }

    private boolean isGuarded(OccurrenceId occurrenceId, Instant clock) {
        Instant expires = guarded.get(occurrenceId);
        return expires != null && expires.isAfter(clock);
    }

    private void prune(Instant clock, DispatchSink sink) {
        if (clock.isBefore(nextPrune)) {
            return;
        }
        nextPrune = clock.plus(PRUNE_INTERVAL);
        List<OccurrenceId> expiredGuards = guarded.entrySet().stream().filter(entry -> !entry.getValue().isAfter(clock))
                .map(Map.Entry::getKey).toList();
        expiredGuards.forEach(id -> {
            guarded.remove(id);
            sink.unguard(id);
        });
        List<String> expiredRuns = done.entrySet().stream().filter(entry -> !entry.getValue().isAfter(clock)).map(Map.Entry::getKey).toList();
        expiredRuns.forEach(key -> {
            done.remove(key);
            sink.forget(key);
        });
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private static Duration longest(Duration one, Duration other) {
        return one.compareTo(other) < 0 ? one : other;
    }

    /** A rule the partition holds. */
    private static final class Held {

        final RuleId ruleId;
        final Set<CalendarId> calendars = new HashSet<>();
        RuleState state;
        @Nullable Wake wake;

        Held(RuleId ruleId, RuleState state) {
            this.ruleId = ruleId;
            this.state = state;
        }
    }

    /** A rule's next start in the index; ties by rule id. */
    private record Wake(Instant at, RuleId ruleId) implements Comparable<Wake> {

        private static final Comparator<Wake> ORDER = Comparator.comparing(Wake::at).thenComparing(wake -> wake.ruleId().value());

        @Override
        public int compareTo(Wake other) {
            return ORDER.compare(this, other);
        }
    }

    /** The occurrences of one rule found not dispatched, counted up to the cap, and the record that reports them. */
    private final class Misfires {

        private final List<TimelineOccurrence> counted = new ArrayList<>();

        void count(TimelineOccurrence occurrence) {
            if (!full()) {
                counted.add(occurrence);
            }
        }

        boolean full() {
            return counted.size() >= DispatchMisfired.MAX_COUNTED;
        }

        /** @param until the end of the window when the count stopped at the cap; null to end it after the last one counted */
        void publish(Held held, @Nullable Instant until, Instant clock, DispatchSink sink) {
            if (counted.isEmpty()) {
                return;
            }
            counted.sort(TimelineOccurrence.START_ORDER);
            TimelineOccurrence first = counted.get(0);
            TimelineOccurrence last = counted.get(counted.size() - 1);
            RuleDetails details = held.state.details();
            DispatchMisfired misfired = new DispatchMisfired(held.ruleId, last.definition().calendarId(), details.version(), first.start(),
                    until == null ? last.start().plusMillis(1) : until, counted.size(), settings.misfireThreshold().toSeconds(), clock);
            sink.publish(misfired, DispatchEnvelopes.of(misfired, details.actor(), details.correlationId(), details.traceparent()));
        }
    }
}
