package dev.almanac.events.occurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ResourceBooking;

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
 *
 * <p>{@code resources} are what the occurrence books for its whole slot: its rule's resources at
 * {@code ruleVersion} (ADR 0029). Occurrences published before rules booked resources read as
 * booking none; a newer rule version that books others is published again with them.
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
        @Nullable OccurrenceId backfillOf,
        List<ResourceBooking> resources) implements OccurrenceEvent {

    /** Fills in what an event written before occurrences booked resources leaves out. */
    public OccurrenceMaterialized {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** An occurrence that books no resource. */
    public OccurrenceMaterialized(OccurrenceId occurrenceId, RuleId ruleId, long ruleVersion, CalendarId calendarId, String title,
                                  String type, Instant resolvedAt, Instant start, Instant end, ZoneId timezone,
                                  LocalDateTime nominalLocalTime, DstPolicy dstPolicy, DstResolution dstResolution,
                                  String tzdataVersion, @Nullable Instant movedFrom, @Nullable OccurrenceId backfillOf) {
        this(occurrenceId, ruleId, ruleVersion, calendarId, title, type, resolvedAt, start, end, timezone, nominalLocalTime, dstPolicy,
                dstResolution, tzdataVersion, movedFrom, backfillOf, null);
    }

    /** An occurrence where its series puts it, booking no resource. */
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
