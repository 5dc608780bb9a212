package dev.almanac.dispatch.due;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * A run to dispatch that its rule's series does not give: a catch-up run, an approved backfill run, or a run now.
 * It is dispatched once {@code dueAt} has come, however late, since someone asked for it; who asked
 * ({@code actor}, {@code correlationId}, {@code traceparent}) travels with the dispatch.
 */
public record PendingRun(OccurrenceId occurrenceId, int attempt, RuleId ruleId, CalendarId calendarId, Instant occurrenceStart,
                         Instant dueAt, DispatchTrigger trigger, @Nullable OccurrenceId backfillOf, String actor, String correlationId,
                         @Nullable String traceparent) {

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
}
