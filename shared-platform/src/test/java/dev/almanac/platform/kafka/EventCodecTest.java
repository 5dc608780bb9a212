package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.testing.JsonSchemas;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    static Iterable<AlmanacEvent> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventValidatesAgainstItsPublishedSchema(AlmanacEvent event) {
        EventType type = EventCatalog.of(event);
        String json = new String(codec.toJson(event), StandardCharsets.UTF_8);

        assertThat(JsonSchemas.errors("classpath:" + type.schemaResource().substring(1), json)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventSurvivesTheTripThroughARecord(AlmanacEvent event) {
        EventMetadata metadata = metadataFor(event);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);

        assertThat(record.topic()).isEqualTo(EventCatalog.of(event).topic());
        assertThat(record.key()).isEqualTo(event.partitionKey());
        ReceivedEvent received = codec.fromRecord(consumed(record));
        assertThat(received.event()).isEqualTo(event);
        assertThat(received.metadata()).isEqualTo(metadata);
    }

    @Test
    void anUnknownEventTypeIsPoison() {
        ConsumerRecord<String, byte[]> record = consumed(codec.toRecord(metadataFor(EventSamples.itemScheduled()), EventSamples.itemScheduled()));
        record.headers().add("ce_type", "dev.almanac.schedule.ItemTeleported.v1".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> codec.fromRecord(record))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("unknown event type dev.almanac.schedule.ItemTeleported.v1");
    }

    @Test
    void brokenJsonIsPoison() {
        ConsumerRecord<String, byte[]> valid = consumed(codec.toRecord(metadataFor(EventSamples.itemScheduled()), EventSamples.itemScheduled()));
        var broken = new ConsumerRecord<>(Topics.SCHEDULE, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, valid.key(),
                "{\"item_id\":".getBytes(StandardCharsets.UTF_8), valid.headers(), java.util.Optional.empty());

        assertThatThrownBy(() -> codec.fromRecord(broken))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageStartingWith("value is not a valid dev.almanac.schedule.ItemScheduled.v1");
    }

    @Test
    void aMissingRequiredFieldIsPoisonAndNamed() {
        ConsumerRecord<String, byte[]> valid = consumed(codec.toRecord(metadataFor(EventSamples.itemRescheduled()), EventSamples.itemRescheduled()));
        String withoutStart = new String(valid.value(), StandardCharsets.UTF_8).replaceFirst("\"start\":\"[^\"]+\",", "");
        var record = new ConsumerRecord<>(Topics.SCHEDULE, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, valid.key(),
                withoutStart.getBytes(StandardCharsets.UTF_8), valid.headers(), java.util.Optional.empty());

        assertThatThrownBy(() -> codec.fromRecord(record))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("dev.almanac.schedule.ItemRescheduled.v1 lacks required field start");
    }

    @Test
    void aMissingFieldOfANestedRecordIsNamedByItsPath() {
        ConsumerRecord<String, byte[]> valid = consumed(codec.toRecord(metadataFor(EventSamples.itemScheduled()), EventSamples.itemScheduled()));
        String json = new String(valid.value(), StandardCharsets.UTF_8);
        String withoutSecondRole = json.replace(",\"role\":\"secondary\"", "");
        var record = new ConsumerRecord<>(Topics.SCHEDULE, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, valid.key(),
                withoutSecondRole.getBytes(StandardCharsets.UTF_8), valid.headers(), java.util.Optional.empty());

        assertThat(withoutSecondRole).isNotEqualTo(json);
        assertThatThrownBy(() -> codec.fromRecord(record))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("dev.almanac.schedule.ItemScheduled.v1 lacks required field resources[1].role");
    }

    @Test
    void anOptionalFieldMayBeAbsent() {
        var withoutReason = new dev.almanac.events.schedule.ItemRescheduled(EventSamples.REVIEW, EventSamples.BALLROOM,
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z"),
                Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"), null);

        assertThat(codec.fromRecord(consumed(codec.toRecord(metadataFor(withoutReason), withoutReason))).event())
                .isEqualTo(withoutReason);
    }

    @Test
    void aSubjectThatContradictsTheEventIsPoison() {
        ConsumerRecord<String, byte[]> record = consumed(codec.toRecord(metadataFor(EventSamples.itemScheduled()), EventSamples.itemScheduled()));
        record.headers().add("ce_subject", "someone-else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> codec.fromRecord(record)).hasMessageContaining("does not match the event's subject");
    }

    @Test
    void anEventOnTheWrongTopicIsPoison() {
        ProducerRecord<String, byte[]> produced = codec.toRecord(metadataFor(EventSamples.itemScheduled()), EventSamples.itemScheduled());
        var elsewhere = new ConsumerRecord<>(Topics.RULES, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                produced.value(), new RecordHeaders(produced.headers().toArray()), java.util.Optional.empty());

        assertThatThrownBy(() -> codec.fromRecord(elsewhere)).hasMessageContaining("does not belong on topic almanac.rules.v1");
    }

    @Test
    void copiesTheOccurrenceRecordsTheRulesDoNotDetermineToTheMissedRunsTopicAndReadsThemBackThere() {
        OccurrenceMissed missed = EventSamples.occurrenceMissed();
        List<ProducerRecord<String, byte[]>> records = codec.toRecords(metadataFor(missed), missed);

        assertThat(records).extracting(ProducerRecord::topic).containsExactly(Topics.OCCURRENCES, Topics.MISSED_RUNS);
        ProducerRecord<String, byte[]> original = records.get(0);
        ProducerRecord<String, byte[]> copy = records.get(1);
        assertThat(copy.key()).isEqualTo(original.key());
        assertThat(copy.value()).isEqualTo(original.value());
        assertThat(copy.headers().toArray()).isEqualTo(original.headers().toArray());
        assertThat(copy.headers()).as("its own headers, so that a producer's additions to one stay on it").isNotSameAs(original.headers());
        assertThat(codec.fromRecord(consumed(copy)).event()).isEqualTo(missed);

        OccurrenceMaterialized backfillRun = EventSamples.backfillRun();
        assertThat(codec.toRecords(metadataFor(backfillRun), backfillRun)).extracting(ProducerRecord::topic)
                .containsExactly(Topics.OCCURRENCES, Topics.MISSED_RUNS);
        OccurrenceMaterialized inSeries = EventSamples.occurrenceMaterialized();
        assertThat(codec.toRecords(metadataFor(inSeries), inSeries)).extracting(ProducerRecord::topic).containsExactly(Topics.OCCURRENCES);
        ItemScheduled item = EventSamples.itemScheduled();
        assertThat(codec.toRecords(metadataFor(item), item)).extracting(ProducerRecord::topic).containsExactly(Topics.SCHEDULE);
    }

    @Test
    void refusesAnOccurrenceRecordTheRulesDetermineOnTheMissedRunsTopic() {
        OccurrenceRetracted retracted = EventSamples.occurrenceRetracted();
        ProducerRecord<String, byte[]> record = codec.toRecord(metadataFor(retracted), retracted);
        ProducerRecord<String, byte[]> misplaced = new ProducerRecord<>(Topics.MISSED_RUNS, null, record.key(), record.value(), record.headers());

        assertThatThrownBy(() -> codec.fromRecord(consumed(misplaced)))
                .hasMessageContaining("does not belong on topic " + Topics.MISSED_RUNS);
    }

    @Test
    void marksOccurrencesTheRulesTopicDeterminesAndNoOthers() {
        OccurrenceMaterialized inSeries = EventSamples.occurrenceMaterialized();
        OccurrenceMaterialized backfillRun = EventSamples.backfillRun();

        assertThat(EventCodec.isRuleDerived(consumed(codec.toRecord(metadataFor(inSeries), inSeries)))).isTrue();
        assertThat(EventCodec.isRuleDerived(consumed(codec.toRecord(metadataFor(EventSamples.occurrenceRetracted()),
                EventSamples.occurrenceRetracted())))).isTrue();
        assertThat(EventCodec.isRuleDerived(consumed(codec.toRecord(metadataFor(backfillRun), backfillRun)))).isFalse();
        assertThat(EventCodec.isRuleDerived(consumed(codec.toRecord(metadataFor(EventSamples.occurrenceMissed()),
                EventSamples.occurrenceMissed())))).isFalse();
        assertThat(EventCodec.isRuleDerived(consumed(codec.toRecord(metadataFor(EventSamples.itemScheduled()),
                EventSamples.itemScheduled())))).isFalse();
        assertThat(EventCodec.isRuleDerived(codec.toRecord(metadataFor(inSeries), inSeries).headers())).isTrue();
        assertThat(EventCodec.isRuleDerived(codec.toRecord(metadataFor(backfillRun), backfillRun).headers())).isFalse();
    }

    static EventMetadata metadataFor(AlmanacEvent event) {
        return new EventMetadata("evt-1", EventCatalog.of(event).ceType(), "/almanac/test",
                Instant.parse("2026-11-21T10:00:00Z"), event.subject(), 4, "developer", "corr-1", null);
    }

    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        return new ConsumerRecord<>(produced.topic(), 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                produced.value(), new RecordHeaders(produced.headers().toArray()), java.util.Optional.empty());
    }
}
