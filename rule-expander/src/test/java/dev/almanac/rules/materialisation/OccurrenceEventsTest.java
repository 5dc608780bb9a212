package dev.almanac.rules.materialisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.testing.RuleSamples;

class OccurrenceEventsTest {

    private static final Instant GAP_DAY = Instant.parse("2027-03-14T00:00:00Z");

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void anOccurrenceBecomesAnOccurrenceMaterializedOfItsRule() {
        RuleCreated rule = RuleSamples.withJitter(EventSamples.ruleCreated(), 300);
        Occurrence occurrence = springForwardOccurrence(rule);

        OccurrenceMaterialized event = OccurrenceEvents.event(RuleDefinition.of(rule), 4, occurrence, "2025b");

        assertThat(event.occurrenceId()).isEqualTo(OccurrenceId.of(rule.ruleId(), occurrence.resolvedInstant()));
        assertThat(event.ruleId()).isEqualTo(rule.ruleId());
        assertThat(event.ruleVersion()).isEqualTo(4);
        assertThat(event.calendarId()).isEqualTo(rule.calendarId());
        assertThat(event.title()).isEqualTo(rule.name());
        assertThat(event.type()).isEqualTo(rule.jobTemplate().type());
        assertThat(event.timezone()).isEqualTo(rule.timezone());
        assertThat(event.nominalLocalTime()).isEqualTo(occurrence.nominalLocalTime());
        assertThat(event.dstPolicy()).isEqualTo(rule.dstPolicy());
        assertThat(event.dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
        assertThat(event.tzdataVersion()).isEqualTo("2025b");
        // resolved_at is before jitter (the id derives from it); start carries the jitter.
        assertThat(event.resolvedAt()).isEqualTo(occurrence.resolvedInstant());
        assertThat(event.start()).isEqualTo(occurrence.start())
                .isBetween(event.resolvedAt(), event.resolvedAt().plusSeconds(300));
        assertThat(event.end()).isEqualTo(event.start().plusSeconds(rule.durationSeconds()));
    }

    @Test
    void theEnvelopeIsDerivedFromTheOccurrenceTheRuleVersionAndTheRuleOrigin() {
        RuleCreated rule = EventSamples.ruleCreated();
        OccurrenceMaterialized event = OccurrenceEvents.event(RuleDefinition.of(rule), 2, springForwardOccurrence(rule), "2025b");
        RuleOrigin origin = RuleOrigin.of(RuleSamples.envelope(rule, 2));
        Instant passTime = Instant.parse("2026-12-20T12:00:00Z");

        EventMetadata metadata = OccurrenceEvents.metadata(event, origin, passTime);

        assertThat(metadata.id()).isEqualTo(Identifiers.derive("occurrence-event", event.occurrenceId().value(), "2"));
        assertThat(metadata.type()).isEqualTo(EventCatalog.of(OccurrenceMaterialized.class).ceType())
                .isEqualTo("dev.almanac.occurrence.OccurrenceMaterialized.v1");
        assertThat(metadata.source()).isEqualTo("/almanac/rule-expander");
        assertThat(metadata.time()).isEqualTo(passTime);
        assertThat(metadata.subject()).isEqualTo(event.occurrenceId().value());
        assertThat(metadata.aggregateVersion()).isEqualTo(2);
        assertThat(metadata.actor()).isEqualTo(origin.actor());
        assertThat(metadata.correlationId()).isEqualTo(origin.correlationId());
        assertThat(metadata.traceparent()).isEqualTo(RuleSamples.TRACEPARENT);
        assertThat(OccurrenceEvents.metadata(event, origin, passTime)).as("same inputs, same envelope").isEqualTo(metadata);
    }

    @Test
    void anotherRuleVersionGivesTheSameOccurrenceAnotherEventId() {
        OccurrenceId occurrence = OccurrenceId.of(EventSamples.NIGHTLY, Instant.parse("2027-03-14T07:30:00Z"));

        assertThat(OccurrenceEvents.eventId(occurrence, 0)).isEqualTo(OccurrenceEvents.eventId(occurrence, 0))
                .isNotEqualTo(OccurrenceEvents.eventId(occurrence, 1));
    }

    @Test
    void thePublishedRecordMatchesTheContractSchemaAndKeysByCalendar() {
        RuleCreated rule = EventSamples.ruleCreated();
        OccurrenceMaterialized event = OccurrenceEvents.event(RuleDefinition.of(rule), 0, springForwardOccurrence(rule),
                Tzdata.version(rule.timezone()));
        EventMetadata metadata = OccurrenceEvents.metadata(event, RuleOrigin.of(RuleSamples.envelope(rule)), RuleSamples.CREATED_AT);

        var record = codec.toRecord(metadata, event);

        assertThat(record.key()).isEqualTo(rule.calendarId().value());
        assertThat(JsonSchemas.errors("classpath:" + EventCatalog.of(event).schemaResource().substring(1),
                new String(record.value(), StandardCharsets.UTF_8))).isEmpty();
    }

    /** The wire sample of OccurrenceMaterialized: the nightly 02:30 shifted out of New York's spring-forward gap. */
    @Test
    void putsTheSampleOnTheWire() {
        RuleCreated rule = EventSamples.ruleCreated();
        // A fixed tzdata version: the sample must not change with the JDK that runs the test.
        OccurrenceMaterialized event = OccurrenceEvents.event(RuleDefinition.of(rule), 0, springForwardOccurrence(rule), "2025b");
        EventMetadata metadata = OccurrenceEvents.metadata(event, RuleOrigin.of(RuleSamples.envelope(rule)), RuleSamples.CREATED_AT);

        WireSamples.assertProducerMatchesSample(codec.toRecord(metadata, event));
    }

    /** The wire sample of OccurrenceRetracted: that same occurrence withdrawn by the rule's pause, its version 1. */
    @Test
    void putsTheRetractionSampleOnTheWire() {
        RuleCreated rule = EventSamples.ruleCreated();
        OccurrenceRetracted event = OccurrenceEvents.retraction(RuleDefinition.of(rule), 1, springForwardOccurrence(rule),
                RetractionReason.RULE_PAUSED);
        EventMetadata metadata = OccurrenceEvents.metadata(event, RuleOrigin.of(RuleSamples.envelope(rule, 1)));

        assertThat(metadata.id()).isEqualTo(OccurrenceEvents.retractionId(event.occurrenceId(), 1))
                .isNotEqualTo(OccurrenceEvents.eventId(event.occurrenceId(), 1));
        assertThat(metadata.subject()).isEqualTo(event.occurrenceId().value());
        WireSamples.assertProducerMatchesSample(codec.toRecord(metadata, event));
    }

    /** The wire sample of OccurrenceMissed: the nightly rule's run of 2 December, unreported six minutes after its start. */
    @Test
    void putsTheMissedSampleOnTheWire() {
        RuleCreated rule = EventSamples.ruleCreated();
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        Occurrence occurrence = RecurrenceExpander.expand(RecurrenceSpec.of(rule), start, start.plusSeconds(1), 1).occurrences().get(0);
        OccurrenceMissed event = OccurrenceEvents.missed(RuleDefinition.of(rule), 2, occurrence, Instant.parse("2026-12-02T07:36:00Z"),
                null);
        EventMetadata metadata = OccurrenceEvents.metadata(event, RuleOrigin.of(RuleSamples.envelope(rule)));

        assertThat(event).isEqualTo(EventSamples.occurrenceMissed());
        assertThat(metadata.id()).isEqualTo(Identifiers.derive("occurrence-missed", event.occurrenceId().value(), start.toString()));
        assertThat(metadata.time()).isEqualTo(event.detectedAt());
        WireSamples.assertProducerMatchesSample(codec.toRecord(metadata, event));
    }

    @Test
    void aMovedOccurrenceAndABackfillRunSayWhatTheyAreAndMatchTheSchema() {
        RuleCreated rule = EventSamples.ruleCreated();
        RuleDefinition definition = RuleDefinition.of(rule);
        Occurrence inSeries = springForwardOccurrence(rule);
        Instant movedTo = Instant.parse("2027-03-14T15:00:00Z");
        OccurrenceMaterialized moved = OccurrenceEvents.moved(definition, 3, inSeries.movedTo(movedTo), inSeries.start(), "2025b");
        OccurrenceId runId = OccurrenceId.backfillOf(inSeries.id(), inSeries.start());
        OccurrenceMaterialized backfill = OccurrenceEvents.backfill(definition, 4, inSeries, runId, movedTo, "2025b");

        assertThat(moved.occurrenceId()).isEqualTo(inSeries.id());
        assertThat(moved.movedFrom()).isEqualTo(inSeries.start());
        assertThat(moved.inSeries()).isFalse();
        assertThat(backfill.occurrenceId()).isEqualTo(runId).isNotEqualTo(inSeries.id());
        assertThat(backfill.backfillOf()).isEqualTo(inSeries.id());
        assertThat(backfill.resolvedAt()).isEqualTo(inSeries.resolvedInstant());
        assertThat(backfill.end()).isEqualTo(movedTo.plusSeconds(rule.durationSeconds()));
        for (OccurrenceMaterialized event : new OccurrenceMaterialized[] {moved, backfill}) {
            var record = codec.toRecord(OccurrenceEvents.metadata(event, RuleOrigin.of(RuleSamples.envelope(rule)), movedTo), event);
            assertThat(JsonSchemas.errors("classpath:" + EventCatalog.of(event).schemaResource().substring(1),
                    new String(record.value(), StandardCharsets.UTF_8))).isEmpty();
        }
    }

    private static Occurrence springForwardOccurrence(RuleCreated rule) {
        return RecurrenceExpander.expand(RecurrenceSpec.of(rule), GAP_DAY, GAP_DAY.plus(Duration.ofDays(1)), 1).occurrences().get(0);
    }
}
