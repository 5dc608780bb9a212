package dev.almanac.rules.materialisation;

import java.time.Instant;

import dev.almanac.events.EventCatalog;
import dev.almanac.events.Identifiers;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;

/**
 * The records rule-expander publishes, derived only from the rule, its version, the occurrence
 * and the time of the pass. Publishing the same occurrence of the same rule version again gives
 * the same event id, so consumers drop the duplicate.
 */
public final class OccurrenceEvents {

    public static final String SOURCE = "/almanac/rule-expander";

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
                tzdataVersion);
    }

    /**
     * The envelope: actor, correlation and trace are the creating event's, {@code time} is when
     * the pass happened (the rule event's time for the first pass, the clock's for later ones).
     */
    public static EventMetadata metadata(OccurrenceMaterialized event, RuleOrigin origin, Instant time) {
        return new EventMetadata(
                eventId(event.occurrenceId(), event.ruleVersion()),
                EventCatalog.of(event).ceType(),
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

    /** The withdrawal of an occurrence the rule's pause or deletion at {@code ruleVersion} cancelled. */
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
