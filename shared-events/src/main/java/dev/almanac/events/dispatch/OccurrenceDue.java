package dev.almanac.events.dispatch;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * Attempt {@code attempt} of an occurrence is due: an executor runs {@code jobTemplate} and reports the
 * run on {@code almanac.runs.v1} with this occurrence id and attempt. It is published once per
 * occurrence and attempt, never before {@code dueAt}; {@code dispatchedAt} is when the dispatcher
 * decided it, by its clock. {@code occurrenceStart} is where the occurrence stands on the calendar;
 * {@code dueAt} is the same for a scheduled run and later for a retry. The job template and title are
 * the rule's at {@code ruleVersion}. {@code timeoutAt}, when the job template has a timeout, is when the
 * attempt counts as timed out without a final report. {@code backfillOf} names the missed occurrence a
 * catch-up or backfill run runs again.
 */
public record OccurrenceDue(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        long ruleVersion,
        CalendarId calendarId,
        String title,
        Instant occurrenceStart,
        Instant dueAt,
        int attempt,
        DispatchTrigger trigger,
        JobTemplate jobTemplate,
        Instant dispatchedAt,
        @Nullable Instant timeoutAt,
        @Nullable OccurrenceId backfillOf) implements DispatchEvent {

    public OccurrenceDue {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
        }
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    /** The occurrence; its version on this topic orders its events, {@code 5 × attempt + 2} for a dispatch (ADR 0070). */
    @Override
    public String subject() {
        return occurrenceId.value();
    }
}
