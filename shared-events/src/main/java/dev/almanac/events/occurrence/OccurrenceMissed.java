package dev.almanac.events.occurrence;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * No run of a materialised occurrence was reported on {@code almanac.runs.v1} by its
 * {@code start} plus rule-expander's grace period: at {@code detectedAt}, the occurrence is missed
 * (OPS-MISSED: it waits for an operator's backfill, reschedule or delete). A run reported
 * later still shows that it ran. {@code catchUpRun} names the run the rule's catch-up policy started
 * for it at once, if it did. {@code ruleVersion} is the rule version the check read. {@code reason} says why:
 * {@code no_run_report}, or {@code no_heartbeat} for a heartbeat rule's beat (ADR 0073); absent on records written
 * before reasons, which mean {@code no_run_report}.
 */
public record OccurrenceMissed(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        long ruleVersion,
        CalendarId calendarId,
        Instant resolvedAt,
        Instant start,
        Instant end,
        Instant detectedAt,
        @Nullable OccurrenceId catchUpRun,
        @Nullable MissedReason reason) implements OccurrenceEvent {

    /** A missed run without a reason, as records written before reasons read. */
    public OccurrenceMissed(OccurrenceId occurrenceId, RuleId ruleId, long ruleVersion, CalendarId calendarId, Instant resolvedAt,
                            Instant start, Instant end, Instant detectedAt, @Nullable OccurrenceId catchUpRun) {
        this(occurrenceId, ruleId, ruleVersion, calendarId, resolvedAt, start, end, detectedAt, catchUpRun, null);
    }

    /** The reason, {@code no_run_report} for records written before reasons. */
    public MissedReason reasonOrDefault() {
        return reason == null ? MissedReason.NO_RUN_REPORT : reason;
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return occurrenceId.value();
    }
}
