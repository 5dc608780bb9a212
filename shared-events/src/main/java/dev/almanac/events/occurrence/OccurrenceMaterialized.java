package dev.almanac.events.occurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

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
 *
 * <p>Two kinds stand outside the series' order, and are published as soon as they are decided,
 * whatever the horizon: an occurrence moved elsewhere ({@code movedFrom} is the start the series
 * gave it; it keeps its id and {@code resolvedAt}, and starts exactly at {@code start}), and a
 * backfill run of a missed occurrence ({@code backfillOf} names it; the run has an id of its own,
 * and carries the missed one's {@code resolvedAt} and {@code nominalLocalTime}). Neither says how
 * far the series is materialised.
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
        String tzdataVersion,
        @Nullable Instant movedFrom,
        @Nullable OccurrenceId backfillOf) implements OccurrenceEvent {

    /** An occurrence where its series puts it. */
    public OccurrenceMaterialized(OccurrenceId occurrenceId, RuleId ruleId, long ruleVersion, CalendarId calendarId, String title,
                                  String type, Instant resolvedAt, Instant start, Instant end, ZoneId timezone,
                                  LocalDateTime nominalLocalTime, DstPolicy dstPolicy, DstResolution dstResolution,
                                  String tzdataVersion) {
        this(occurrenceId, ruleId, ruleVersion, calendarId, title, type, resolvedAt, start, end, timezone, nominalLocalTime, dstPolicy,
                dstResolution, tzdataVersion, null, null);
    }

    /** Whether the series puts this occurrence where it is: neither moved nor a backfill run. */
    public boolean inSeries() {
        return movedFrom == null && backfillOf == null;
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
