package dev.almanac.events.occurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleId;

/**
 * An occurrence of a rule, materialised inside the rolling horizon. {@code nominalLocalTime}
 * is the wall-clock time the cron named in {@code timezone}; {@code resolvedAt} is the instant
 * it resolved to under {@code dstPolicy} (the occurrence id derives from it); {@code start} is
 * {@code resolvedAt} plus the rule's jitter. {@code ruleVersion} is the rule version it was
 * computed from, and orders redeliveries.
 */
public record OccurrenceMaterialized(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        long ruleVersion,
        CalendarId calendarId,
        String title,
        String type,
        Instant resolvedAt,
        Instant start,
        Instant end,
        ZoneId timezone,
        LocalDateTime nominalLocalTime,
        DstPolicy dstPolicy,
        DstResolution dstResolution,
        String tzdataVersion) implements OccurrenceEvent {

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
