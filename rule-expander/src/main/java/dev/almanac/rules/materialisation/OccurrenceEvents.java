package dev.almanac.rules.materialisation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;

/**
 * The records rule-expander publishes, derived only from the rule, its version, the occurrence
 * and the time of the pass. Every occurrence, moved ones and backfill runs included, books the
 * rule's resources (ADR 0029). Publishing the same occurrence of the same rule version again gives
 * the same event id, so consumers drop the duplicate.
 */
public final class OccurrenceEvents {

    public static final String SOURCE = "/almanac/rule-expander";

    // Looked up once: a pass makes an envelope per occurrence.
    private static final String MATERIALIZED = EventCatalog.of(OccurrenceMaterialized.class).ceType();

    private OccurrenceEvents() {
    }

    public static OccurrenceMaterialized event(RuleDefinition rule, long ruleVersion, Occurrence occurrence, String tzdataVersion) {
        return new OccurrenceMaterialized(
                occurrence.id(),
                rule.ruleId(),
                ruleVersion,
                rule.calendarId(),
                rule.name(),
                rule.jobType(),
                occurrence.resolvedInstant(),
                occurrence.start(),
                occurrence.end(),
                occurrence.zone(),
                occurrence.nominalLocalTime(),
                rule.dstPolicy(),
                occurrence.dstResolution(),
                tzdataVersion,
                null,
                null,
                rule.resources());
    }

    /**
     * An occurrence moved off its series' place ({@code moved} starts where it was moved to), which
     * started at {@code movedFrom} there; it keeps its id and recurrence.
     */
    public static OccurrenceMaterialized moved(RuleDefinition rule, long ruleVersion, Occurrence moved, Instant movedFrom,
                                               String tzdataVersion) {
        OccurrenceMaterialized placed = event(rule, ruleVersion, moved, tzdataVersion);
        return new OccurrenceMaterialized(placed.occurrenceId(), placed.ruleId(), placed.ruleVersion(), placed.calendarId(),
                placed.title(), placed.type(), placed.resolvedAt(), placed.start(), placed.end(), placed.timezone(),
                placed.nominalLocalTime(), placed.dstPolicy(), placed.dstResolution(), placed.tzdataVersion(), movedFrom, null,
                placed.resources());
    }

    /**
     * A backfill run {@code runId} of the missed occurrence {@code missed}, starting at {@code start}
     * and lasting the rule's duration; it carries the missed one's recurrence and nominal time.
     */
    public static OccurrenceMaterialized backfill(RuleDefinition rule, long ruleVersion, Occurrence missed, OccurrenceId runId,
                                                  Instant start, String tzdataVersion) {
        Instant end = start.plusSeconds(rule.durationSeconds());
        return new OccurrenceMaterialized(runId, rule.ruleId(), ruleVersion, rule.calendarId(), rule.name(), rule.jobType(),
                missed.resolvedInstant(), start, end, missed.zone(), missed.nominalLocalTime(), rule.dstPolicy(), missed.dstResolution(),
                tzdataVersion, null, missed.id(), rule.resources());
    }

    /**
     * The envelope: actor, correlation and trace are the creating event's, {@code time} is when
     * the pass happened (the rule event's time for the first pass, the clock's for later ones).
     */
    public static EventMetadata metadata(OccurrenceMaterialized event, RuleOrigin origin, Instant time) {
        return new EventMetadata(
                eventId(event.occurrenceId(), event.ruleVersion()),
                MATERIALIZED,
                SOURCE,
                time,
                event.subject(),
                event.ruleVersion(),
                origin.actor(),
                origin.correlationId(),
                origin.traceparent());
    }

    public static String eventId(OccurrenceId occurrenceId, long ruleVersion) {
        return Identifiers.derive("occurrence-event", occurrenceId.value(), String.valueOf(ruleVersion));
    }

    /**
     * A missed occurrence: {@code occurrence} as it stood (moved or not), with no run reported by
     * {@code detectedAt}; {@code catchUpRun} names the run the catch-up policy started for it, if any.
     */
    public static OccurrenceMissed missed(RuleDefinition rule, long ruleVersion, Occurrence occurrence, Instant detectedAt,
                                          @Nullable OccurrenceId catchUpRun) {
        return new OccurrenceMissed(occurrence.id(), rule.ruleId(), ruleVersion, rule.calendarId(), occurrence.resolvedInstant(),
                occurrence.start(), occurrence.end(), detectedAt, catchUpRun,
                rule.heartbeat() == null ? MissedReason.NO_RUN_REPORT : MissedReason.NO_HEARTBEAT);
    }

    /**
     * The envelope of a missed occurrence: derived from the occurrence and the start it missed, so a
     * second check of the same occurrence gives the same {@code ce_id}, and one moved and missed
     * again another; time is when it was found missed, actor, correlation and trace the rule's origin.
     */
    public static EventMetadata metadata(OccurrenceMissed event, RuleOrigin origin) {
        return new EventMetadata(
                missedId(event.occurrenceId(), event.start()),
                EventCatalog.of(event).ceType(),
                SOURCE,
                event.detectedAt(),
                event.subject(),
                event.ruleVersion(),
                origin.actor(),
                origin.correlationId(),
                origin.traceparent());
    }

    public static String missedId(OccurrenceId occurrenceId, Instant start) {
        return Identifiers.derive("occurrence-missed", occurrenceId.value(), start.toString());
    }

    /** The withdrawal of an occurrence the rule event at {@code ruleVersion} cancelled, with the interval it held. */
    public static OccurrenceRetracted retraction(RuleDefinition rule, long ruleVersion, Occurrence occurrence, RetractionReason reason) {
        return new OccurrenceRetracted(occurrence.id(), rule.ruleId(), ruleVersion, rule.calendarId(), occurrence.start(),
                occurrence.end(), reason);
    }

    /**
     * The envelope of a retraction: actor, correlation and trace are those of the rule event that
     * caused it, and so is {@code time}; a replay of that event gives the same envelope.
     */
    public static EventMetadata metadata(OccurrenceRetracted event, RuleOrigin cause) {
        return new EventMetadata(
                retractionId(event.occurrenceId(), event.ruleVersion()),
                EventCatalog.of(event).ceType(),
                SOURCE,
                cause.time(),
                event.subject(),
                event.ruleVersion(),
                cause.actor(),
                cause.correlationId(),
                cause.traceparent());
    }

    public static String retractionId(OccurrenceId occurrenceId, long ruleVersion) {
        return Identifiers.derive("occurrence-retraction", occurrenceId.value(), String.valueOf(ruleVersion));
    }
}
