package dev.almanac.dispatch.due;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.events.rule.ConcurrencyPolicy;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;

/**
 * A rule's options enforced from run reports, in one partition (ADR 0070): the occurrences of rules with
 * {@code max_concurrent}, a timeout or a retry policy are followed from their first dispatch. At most
 * {@code max_concurrent} of a rule's occurrences are in flight (an attempt running, or the next one waiting for its
 * backoff); one due beyond is skipped, or kept as the rule's one buffered occurrence, as its concurrency policy says.
 * An attempt with no final report by its timeout times out; a failed or timed-out attempt is tried again after the
 * backoff, up to the retry limit, and then the occurrence is final. A report of an attempt that is not the
 * occurrence's current one, or of an occurrence not followed, changes nothing. Every decision is an event.
 */
final class RunTracker {

    /** How long an attempt without a timeout holds its place among the runs in flight when its executor never reports. */
    static final Duration UNREPORTED_HOLD = Duration.ofHours(24);

    private final DispatchSettings settings;
    private final Map<OccurrenceId, TrackedRun> runs = new HashMap<>();
    private final Map<RuleId, Integer> inFlight = new HashMap<>();
    private final Map<RuleId, PendingRun> buffered = new HashMap<>();
    private final NavigableSet<Deadline> deadlines = new TreeSet<>();

    RunTracker(DispatchSettings settings) {
        this.settings = settings;
    }

    /** Whether the rule's options ask for its runs to be followed. */
    static boolean follows(RuleDetails details) {
        boolean limited = details.options().maxConcurrent() != null && details.options().concurrencyRule() != ConcurrencyPolicy.ALLOW;
        return limited || details.jobTemplate().timeoutSeconds() != null || details.options().retries() > 0;
    }

    // ---- restoring ----

    void restore(TrackedRun run) {
        runs.put(run.run().occurrenceId(), run);
        deadlines.add(new Deadline(run.deadline(), run.run().occurrenceId()));
        if (run.phase() != RunPhase.FINAL) {
            inFlight.merge(run.run().ruleId(), 1, Integer::sum);
        }
    }

    void restoreBuffered(PendingRun run) {
        buffered.put(run.ruleId(), run);
    }

    /** A pending run let go from the buffer before a restart holds the place it was given. */
    void reserveIfLetGo(PendingRun run) {
        TrackedRun tracked = runs.get(run.occurrenceId());
        if (run.admitted() && run.trigger() != DispatchTrigger.RETRY
                && (tracked == null || tracked.phase() == RunPhase.FINAL)) {
            inFlight.merge(run.ruleId(), 1, Integer::sum);
        }
    }

    // ---- admission ----

    /**
     * Whether a new occurrence of the rule may be dispatched now: true, or false when it was skipped or buffered (each
     * published). Retries and occurrences let go from the buffer have their place already and are not asked.
     */
    boolean admit(PendingRun run, RuleDetails details, Instant now, DispatchSink sink) {
        Integer limit = details.options().maxConcurrent();
        ConcurrencyPolicy policy = details.options().concurrencyRule();
        int running = inFlight.getOrDefault(run.ruleId(), 0);
        if (run.admitted() || limit == null || policy == ConcurrencyPolicy.ALLOW || running < limit) {
            return true;
        }
        if (policy == ConcurrencyPolicy.SKIP) {
            skip(run, details, SkipReason.MAX_CONCURRENT, running, now, sink);
            return false;
        }
        PendingRun replaced = buffered.put(run.ruleId(), run);
        if (replaced != null) {
            skip(replaced, details, SkipReason.SUPERSEDED, running, now, sink);
        }
        OccurrenceBuffered event = new OccurrenceBuffered(run.occurrenceId(), run.ruleId(), details.version(), run.calendarId(),
                run.occurrenceStart(), running, now);
        sink.publish(event, DispatchEnvelopes.of(event, run.actor(), run.correlationId(), run.traceparent()));
        sink.buffer(run);
        return false;
    }

    private static void skip(PendingRun run, RuleDetails details, SkipReason reason, int running, Instant now, DispatchSink sink) {
        OccurrenceSkipped event = new OccurrenceSkipped(run.occurrenceId(), run.ruleId(), details.version(), run.calendarId(),
                run.occurrenceStart(), reason, running, now);
        sink.publish(event, DispatchEnvelopes.of(event, run.actor(), run.correlationId(), run.traceparent()));
    }

    // ---- dispatches and reports ----

    /** An attempt of {@code run} was dispatched at {@code now}; followed if its rule's options ask for it. */
    void dispatched(PendingRun run, RuleDetails details, Instant now, @Nullable Instant timeoutAt, DispatchSink sink) {
        if (!follows(details)) {
            return;
        }
        TrackedRun before = runs.get(run.occurrenceId());
        // A retry keeps the place its occurrence has; one let go from the buffer had its place reserved then.
        if (!run.admitted() && (before == null || before.phase() == RunPhase.FINAL)) {
            inFlight.merge(run.ruleId(), 1, Integer::sum);
        }
        put(new TrackedRun(run, RunPhase.IN_FLIGHT, now, timeoutAt, timeoutAt != null ? timeoutAt : now.plus(UNREPORTED_HOLD)), sink);
    }

    /**
     * A run report: it ends the occurrence's current attempt if it is a final report of that attempt.
     *
     * @return why it changes nothing, or null when it was taken
     */
    @Nullable String onReport(RunEvent report, Instant now, Function<RuleId, @Nullable RuleDetails> details, Consumer<PendingRun> pending,
                              DispatchSink sink) {
        if (report.entryKind() != EntryKind.OCCURRENCE) {
            return "not an occurrence";
        }
        TrackedRun tracked = runs.get(OccurrenceId.of(report.entryId()));
        if (tracked == null) {
            return "unknown occurrence";
        }
        if (report.attempt() != tracked.run().attempt()) {
            return report.attempt() > tracked.run().attempt() ? "unknown attempt" : "attempt already ended";
        }
        if (tracked.phase() != RunPhase.IN_FLIGHT) {
            return "attempt already ended";
        }
        if (report instanceof RunStarted) {
            return null;
        }
        RuleDetails rule = details.apply(tracked.run().ruleId());
        if (report instanceof RunSucceeded || rule == null) {
            finish(tracked, now, pending, sink);
        } else if (report instanceof RunFailed) {
            ended(tracked, rule, AttemptOutcome.FAILED, now, pending, sink);
        }
        return null;
    }

    /** Times out the attempts whose timeout passed by {@code until}, lets go those held too long, and forgets old finals. */
    void due(Instant until, Instant now, Function<RuleId, @Nullable RuleDetails> details, Consumer<PendingRun> pending, DispatchSink sink) {
        while (!deadlines.isEmpty() && deadlines.first().at().isBefore(until)) {
            Deadline deadline = deadlines.pollFirst();
            TrackedRun tracked = runs.get(deadline.occurrenceId());
            if (tracked == null || !tracked.deadline().equals(deadline.at())) {
                continue;
            }
            switch (tracked.phase()) {
                case FINAL -> {
                    runs.remove(deadline.occurrenceId());
                    sink.untrack(deadline.occurrenceId());
                }
                case RETRY_WAIT -> {
                    // The retry is pending and dispatches itself; nothing falls due on the run meanwhile.
                }
                case IN_FLIGHT -> {
                    RuleDetails rule = details.apply(tracked.run().ruleId());
                    if (tracked.timeoutAt() != null && rule != null) {
                        RunTimedOut event = new RunTimedOut(tracked.run().occurrenceId(), tracked.run().ruleId(), tracked.run().calendarId(),
                                tracked.run().attempt(), tracked.dispatchedAt(), tracked.timeoutAt(), now);
                        sink.publish(event, DispatchEnvelopes.of(event, tracked.run().actor(), tracked.run().correlationId(),
                                tracked.run().traceparent()));
                        ended(tracked, rule, AttemptOutcome.TIMED_OUT, now, pending, sink);
                    } else {
                        finish(tracked, now, pending, sink);
                    }
                }
            }
        }
    }

    Optional<Instant> nextDeadline() {
        return deadlines.isEmpty() ? Optional.empty() : Optional.of(deadlines.first().at());
    }

    int followed() {
        return runs.size();
    }

    private void ended(TrackedRun tracked, RuleDetails rule, AttemptOutcome outcome, Instant now, Consumer<PendingRun> pending,
                       DispatchSink sink) {
        PendingRun run = tracked.run();
        if (run.attempt() <= rule.options().retries()) {
            Instant retryAt = now.plusSeconds(rule.options().backoffSeconds(run.attempt()));
            PendingRun retry = run.retry(retryAt);
            RetryScheduled event = new RetryScheduled(run.occurrenceId(), run.ruleId(), run.calendarId(), retry.attempt(), outcome, retryAt, now);
            sink.publish(event, DispatchEnvelopes.of(event, run.actor(), run.correlationId(), run.traceparent()));
            put(tracked.in(RunPhase.RETRY_WAIT, retryAt), sink);
            pending.accept(retry);
            return;
        }
        if (rule.options().retries() > 0) {
            RetriesExhausted event = new RetriesExhausted(run.occurrenceId(), run.ruleId(), run.calendarId(), run.attempt(), outcome, now);
            sink.publish(event, DispatchEnvelopes.of(event, run.actor(), run.correlationId(), run.traceparent()));
        }
        finish(tracked, now, pending, sink);
    }

    /** The occurrence is final: its place among the runs in flight goes to the buffered one, if any, reserved until it is dispatched. */
    private void finish(TrackedRun tracked, Instant now, Consumer<PendingRun> pending, DispatchSink sink) {
        RuleId ruleId = tracked.run().ruleId();
        put(tracked.in(RunPhase.FINAL, now.plus(settings.doneRetention())), sink);
        inFlight.computeIfPresent(ruleId, (rule, count) -> count > 1 ? count - 1 : null);
        PendingRun waiting = buffered.remove(ruleId);
        if (waiting != null) {
            sink.unbuffer(ruleId);
            inFlight.merge(ruleId, 1, Integer::sum);
            pending.accept(waiting.admittedRun());
        }
    }

    private void put(TrackedRun run, DispatchSink sink) {
        TrackedRun before = runs.put(run.run().occurrenceId(), run);
        if (before != null) {
            deadlines.remove(new Deadline(before.deadline(), before.run().occurrenceId()));
        }
        deadlines.add(new Deadline(run.deadline(), run.run().occurrenceId()));
        sink.track(run);
    }

    /** When something happens to a followed occurrence of itself. */
    private record Deadline(Instant at, OccurrenceId occurrenceId) implements Comparable<Deadline> {

        private static final Comparator<Deadline> ORDER = Comparator.comparing(Deadline::at)
                .thenComparing(deadline -> deadline.occurrenceId().value());

        @Override
        public int compareTo(Deadline other) {
            return ORDER.compare(this, other);
        }
    }
}
