package dev.almanac.events.occurrence;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * A materialised occurrence will not happen: its rule was paused, updated, ended or deleted before
 * it started, or it was cancelled alone, or deleted once missed ({@code reason} says which).
 * It carries the interval it held, so a consumer that never saw the occurrence can still withdraw
 * it. {@code ruleVersion} is the version of the rule event that caused it; an
 * {@link OccurrenceMaterialized} of the same occurrence id at a newer rule version (after a
 * resume) puts the occurrence back.
 */
public record OccurrenceRetracted(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        long ruleVersion,
        CalendarId calendarId,
        Instant start,
        Instant end,
        RetractionReason reason) implements OccurrenceEvent {

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
