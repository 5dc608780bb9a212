package dev.almanac.dispatch.due;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * A run to dispatch, or one dispatched: attempt {@code attempt} of an occurrence. Pending, it is one the rule's series
 * does not give (a catch-up run, an approved backfill run, a run now, a retry, a buffered occurrence let go), dispatched
 * once {@code dueAt} has come, however late, since someone asked for it; who asked ({@code actor},
 * {@code correlationId}, {@code traceparent}) travels with the dispatch. An {@code admitted} run has a place among the
 * rule's runs in flight already (a retry, a buffered one let go) and is not held to {@code max_concurrent} again.
 */
public record PendingRun(OccurrenceId occurrenceId, int attempt, RuleId ruleId, CalendarId calendarId, Instant occurrenceStart,
                         Instant dueAt, DispatchTrigger trigger, @Nullable OccurrenceId backfillOf, String actor, String correlationId,
                         @Nullable String traceparent, boolean admitted) {

    /** In the order they fall due; ties by id and attempt, so that no two runs compare equal. */
    public static final Comparator<PendingRun> DUE_ORDER = Comparator.comparing(PendingRun::dueAt)
            .thenComparing(run -> run.occurrenceId().value())
            .thenComparingInt(PendingRun::attempt);

    /** What identifies the run among every run dispatched: its occurrence and attempt. */
    public String key() {
        return key(occurrenceId, attempt);
    }

    public static String key(OccurrenceId occurrenceId, int attempt) {
        return occurrenceId.value() + "#" + attempt;
    }

    /** The next attempt at the same occurrence, due at {@code at}: a retry, with its place among the runs in flight. */
    public PendingRun retry(Instant at) {
        return new PendingRun(occurrenceId, attempt + 1, ruleId, calendarId, occurrenceStart, at, DispatchTrigger.RETRY, backfillOf, actor,
                correlationId, traceparent, true);
    }

    /** The same run, let go from the buffer with its place among the runs in flight. */
    public PendingRun admittedRun() {
        return new PendingRun(occurrenceId, attempt, ruleId, calendarId, occurrenceStart, dueAt, trigger, backfillOf, actor, correlationId,
                traceparent, true);
    }
}
