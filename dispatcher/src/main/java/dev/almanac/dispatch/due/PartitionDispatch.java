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
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ScheduleEvent;
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
    private final Map<ItemId, ItemReminders> itemReminders = new HashMap<>();
    private final NavigableSet<ReminderWake> reminderWakes = new TreeSet<>();
    private final Map<String, ReminderWake> reminderWakesByKey = new HashMap<>();
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
        if (held != null && remember(held, event, envelope)) {
            return;
        }
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

    public void restoreItemReminders(ItemReminders item) {
        itemReminders.put(item.itemId(), item);
    }

    /** Indexes every restored rule's next start from the watermark; call once, after the restore calls. */
    public void restored() {
        rules.values().forEach(held -> schedule(held, watermark));
        pending.forEach(runs::reserveIfLetGo);
        itemReminders.values().forEach(this::indexReminders);
        rules.values().forEach(held -> indexReminders(held, watermark));
        // What the watermark passed was sent, or was no news, before the partition stopped.
        while (!reminderWakes.isEmpty() && reminderWakes.first().at().isBefore(watermark)) {
            unindexReminder(reminderWakes.first().key());
        }
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
        if (event instanceof RuleReminderSet || event instanceof RuleReminderRemoved) {
            // Kept when it changed the rule's reminders, so that a restore folds it again; it moves no occurrence.
            if (held == null || !remember(held, event, envelope)) {
                return false;
            }
            indexReminders(held, watermark);
            return true;
        }
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
            remind(from, until, clock, sink);
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
        if (!reminderWakes.isEmpty() && (next == null || reminderWakes.first().at().isBefore(next))) {
            next = reminderWakes.first().at();
        }
        return Optional.ofNullable(next);
    }

    // ---- reminders (ADR 0079) ----

    /** Whether the partition keeps reminders of the item, so that its moves and cancellations concern it. */
    public boolean remindsOf(ItemId itemId) {
        return itemReminders.containsKey(itemId);
    }

    /**
     * An item's reminder set or removed, or an item with reminders moved, cancelled, restored, retitled or deleted (a
     * deleted item's reminders are dropped for good, ADR 0084): its reminders are
     * indexed again at their new due instants. One whose instant the watermark has already passed is sent at once if its
     * start has not (a move to the near future); each reminder is sent once per start.
     */
    public void onItemEvent(ScheduleEvent event, EventMetadata envelope, Instant now, DispatchSink sink) {
        Instant clock = now.truncatedTo(ChronoUnit.MILLIS);
        ItemReminders before = itemReminders.get(new ItemId(event.subject()));
        ItemReminders after = before;
        if (event instanceof ItemReminderSet set) {
            Reminder reminder = new Reminder(set.reminderId(), set.userId(), set.minutesBefore(), set.timezone(), envelope.actor(),
                    envelope.correlationId(), envelope.traceparent());
            after = (before == null ? new ItemReminders(set.itemId(), set.calendarId(), set.title(), set.start(), false, Map.of())
                    : before.at(set.start(), before.cancelled())).with(reminder);
        } else if (before == null) {
            return;
        } else if (event instanceof ItemReminderRemoved removed) {
            after = before.without(removed.reminderId().value());
        } else if (event instanceof ItemRescheduled moved) {
            after = before.at(moved.start(), before.cancelled());
        } else if (event instanceof ItemCancelled) {
            after = before.at(before.start(), true);
        } else if (event instanceof ItemRestored restored) {
            after = before.at(restored.start(), false);
        } else if (event instanceof ItemDeleted) {
            after = before.deleted();
        } else if (event instanceof ItemUpdated updated && !updated.current().title().equals(before.title())) {
            after = before.titled(updated.current().title());
        }
        if (after == before) {
            return;
        }
        if (before != null) {
            before.reminders().keySet().forEach(reminderId -> unindexReminder(itemKey(before.itemId(), reminderId)));
        }
        if (after.reminders().isEmpty()) {
            itemReminders.remove(after.itemId());
            sink.noItemReminders(after.itemId());
            return;
        }
        itemReminders.put(after.itemId(), after);
        sink.itemReminders(after);
        indexReminders(after);
        // A reminder whose instant the watermark passed already is sent now, in this record's transaction.
        for (String reminderId : after.reminders().keySet()) {
            ReminderWake wake = reminderWakesByKey.get(itemKey(after.itemId(), reminderId));
            if (wake != null && wake.at().isBefore(watermark)) {
                fire(wake, clock, sink);
            }
        }
    }

    /** Sends each reminder due in {@code [from, until)}: the item reminders indexed there, and each rule occurrence's. */
    private void remind(Instant from, Instant until, Instant clock, DispatchSink sink) {
        while (!reminderWakes.isEmpty() && reminderWakes.first().at().isBefore(until)) {
            ReminderWake wake = reminderWakes.first();
            if (wake.ruleId() == null) {
                fire(wake, clock, sink);
            } else {
                remindOfRule(wake, until, clock, sink);
            }
        }
    }

    /**
     * Sends a rule's reminder for each occurrence it owns whose start less the reminder's minutes falls before {@code until},
     * from the wake on (the index found none earlier), then indexes it at the next one.
     */
    private void remindOfRule(ReminderWake wake, Instant until, Instant clock, DispatchSink sink) {
        unindexReminder(wake.key());
        Held held = rules.get(wake.ruleId());
        Reminder reminder = held == null ? null : held.reminders.get(wake.reminderId());
        if (held == null || reminder == null) {
            return;
        }
        Duration lead = Duration.ofMinutes(reminder.minutesBefore());
        for (TimelineOccurrence occurrence : owned(held.state.timeline(), held.calendars, wake.at().plus(lead), until.plus(lead)).values()) {
            String doneKey = "reminder:" + reminder.reminderId().value() + ":" + occurrence.id().value() + ":"
                    + occurrence.start().toEpochMilli();
            Instant dueAt = reminder.dueFor(occurrence.start());
            if (done.containsKey(doneKey) || clock.isAfter(occurrence.start().plus(settings.misfireThreshold())) || dueAt.isBefore(began)) {
                continue;
            }
            ReminderDue due = new ReminderDue(reminder.reminderId(), occurrence.definition().calendarId(), reminder.userId(),
                    held.state.details().name(), occurrence.start(), dueAt, reminder.minutesBefore(), reminder.timezone(), clock, null,
                    held.ruleId, occurrence.id());
            sink.publish(due, DispatchEnvelopes.of(due, reminder.actor(), reminder.correlationId(), reminder.traceparent()));
            Instant expires = clock.plus(settings.doneRetention());
            done.put(doneKey, expires);
            sink.reminded(doneKey, expires);
        }
        indexReminder(held, reminder, until);
    }

    /** Applies a reminder event of the rule to its reminders; whether it was one. */
    private static boolean remember(Held held, RuleEvent event, EventMetadata envelope) {
        if (event instanceof RuleReminderSet set) {
            held.reminders.put(set.reminderId().value(), new Reminder(set.reminderId(), set.userId(), set.minutesBefore(), set.timezone(),
                    envelope.actor(), envelope.correlationId(), envelope.traceparent()));
            return true;
        }
        if (event instanceof RuleReminderRemoved removed) {
            held.reminders.remove(removed.reminderId().value());
            return true;
        }
        return false;
    }

    /** Indexes each of the rule's reminders at its first due instant from {@code from} on; drops those of reminders removed. */
    private void indexReminders(Held held, Instant from) {
        List<String> stale = reminderWakesByKey.keySet().stream().filter(key -> key.startsWith(ruleKeyPrefix(held.ruleId))).toList();
        stale.forEach(this::unindexReminder);
        held.reminders.values().forEach(reminder -> indexReminder(held, reminder, from));
    }

    /**
     * Indexes one reminder of a rule at the first owned start, {@code from} plus its minutes on, less its minutes: exact
     * whatever the wall clock does between them. Past the search limit it wakes there to look again.
     */
    private void indexReminder(Held held, Reminder reminder, Instant from) {
        Duration lead = Duration.ofMinutes(reminder.minutesBefore());
        RuleTimeline timeline = held.state.timeline();
        Optional<Instant> ends = timeline.nothingStartsFrom();
        Instant cursor = from.plus(lead);
        Instant limit = cursor.plus(settings.searchLimit());
        Instant end = ends.isPresent() ? earliest(ends.get(), limit) : limit;
        Duration step = FIRST_SEARCH_STEP;
        Instant at = null;
        while (cursor.isBefore(end) && at == null) {
            Instant next = earliest(cursor.plus(step), end);
            for (TimelineOccurrence occurrence : owned(timeline, held.calendars, cursor, next).values()) {
                if (at == null || occurrence.start().isBefore(at)) {
                    at = occurrence.start();
                }
            }
            cursor = next;
            step = longest(step.multipliedBy(4), LONGEST_SEARCH_STEP);
        }
        if (at == null && (ends.isEmpty() || ends.get().isAfter(limit))) {
            at = limit;
        }
        if (at != null) {
            ReminderWake wake = new ReminderWake(at.minus(lead), ruleKeyPrefix(held.ruleId) + reminder.reminderId().value(), null,
                    held.ruleId, reminder.reminderId().value());
            reminderWakes.add(wake);
            reminderWakesByKey.put(wake.key(), wake);
        }
    }

    private static String ruleKeyPrefix(RuleId ruleId) {
        return "r:" + ruleId.value() + ":";
    }

    private void fire(ReminderWake wake, Instant clock, DispatchSink sink) {
        if (wake.ruleId() != null) {
            throw new IllegalStateException("a rule's reminder is sent by remind, over the window its tick decides");
        }
        unindexReminder(wake.key());
        ItemReminders item = itemReminders.get(wake.itemId());
        Reminder reminder = item == null ? null : item.reminders().get(wake.reminderId());
        if (item == null || reminder == null) {
            return;
        }
        String doneKey = "reminder:" + reminder.reminderId().value() + ":" + item.itemId().value() + ":" + item.start().toEpochMilli();
        // Past its start (and the misfire threshold) a reminder is no news: an item moved into the past, or a long outage.
        if (done.containsKey(doneKey) || clock.isAfter(item.start().plus(settings.misfireThreshold()))
                || reminder.dueFor(item.start()).isBefore(began)) {
            return;
        }
        ReminderDue due = new ReminderDue(reminder.reminderId(), item.calendarId(), reminder.userId(), item.title(), item.start(),
                reminder.dueFor(item.start()), reminder.minutesBefore(), reminder.timezone(), clock, item.itemId(), null, null);
        sink.publish(due, DispatchEnvelopes.of(due, reminder.actor(), reminder.correlationId(), reminder.traceparent()));
        Instant expires = clock.plus(settings.doneRetention());
        done.put(doneKey, expires);
        sink.reminded(doneKey, expires);
    }

    private void indexReminders(ItemReminders item) {
        if (item.cancelled()) {
            return;
        }
        for (Reminder reminder : item.reminders().values()) {
            ReminderWake wake = new ReminderWake(reminder.dueFor(item.start()), itemKey(item.itemId(), reminder.reminderId().value()),
                    item.itemId(), null, reminder.reminderId().value());
            unindexReminder(wake.key());
            reminderWakes.add(wake);
            reminderWakesByKey.put(wake.key(), wake);
        }
    }

    private void unindexReminder(String key) {
        ReminderWake wake = reminderWakesByKey.remove(key);
        if (wake != null) {
            reminderWakes.remove(wake);
        }
    }

    private static String itemKey(ItemId itemId, String reminderId) {
        return "i:" + itemId.value() + ":" + reminderId;
    }

    /** A reminder's next due instant in the index; ties by key. */
    private record ReminderWake(Instant at, String key, @Nullable ItemId itemId, @Nullable RuleId ruleId, String reminderId)
            implements Comparable<ReminderWake> {

        private static final Comparator<ReminderWake> ORDER = Comparator.comparing(ReminderWake::at).thenComparing(ReminderWake::key);

        @Override
        public int compareTo(ReminderWake other) {
            return ORDER.compare(this, other);
        }
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
        indexReminders(held, watermark);
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
        /** The rule's reminders by id (ADR 0079), folded from its kept events. */
        final Map<String, Reminder> reminders = new LinkedHashMap<>();
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
