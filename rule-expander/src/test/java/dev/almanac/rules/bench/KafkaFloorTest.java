package dev.almanac.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Tzdata;
import dev.almanac.rules.materialisation.OccurrenceEvents;
import dev.almanac.rules.rule.RuleDefinition;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.testing.RuleSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's structured records must carry what the binary ones carry, or its comparison means nothing. */
class KafkaFloorTest {

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    @Test
    void aStructuredRecordCarriesEveryAttributeAndTheEventInOneValue() {
        ProducerRecord<String, byte[]> binary = occurrenceRecord();

        ProducerRecord<String, byte[]> structured = KafkaFloor.structured(binary);

        assertThat(structured.headers().toArray()).singleElement().satisfies(header -> {
            assertThat(header.key()).isEqualTo(CloudEventHeaders.CONTENT_TYPE);
            assertThat(new String(header.value(), StandardCharsets.US_ASCII)).isEqualTo(KafkaFloor.STRUCTURED_CONTENT_TYPE);
        });
        assertThat(structured.key()).isEqualTo(binary.key());
        assertThat(structured.topic()).isEqualTo(binary.topic());
        JsonNode value = JSON.readTree(structured.value());
        assertThat(value.get("data")).isEqualTo(JSON.readTree(binary.value()));
        assertThat(text(value, "specversion")).isEqualTo("1.0");
        assertThat(text(value, "datacontenttype")).isEqualTo(CloudEventHeaders.JSON);
        assertThat(text(value, "id")).isEqualTo(header(binary, CloudEventHeaders.ID));
        assertThat(text(value, "subject")).isEqualTo(header(binary, CloudEventHeaders.SUBJECT));
        assertThat(text(value, "almanaccorrelationid")).isEqualTo(header(binary, CloudEventHeaders.CORRELATION_ID));
        assertThat(value.size()).as("the attributes, and the data").isEqualTo(binary.headers().toArray().length + 1);
        assertThat(KafkaFloor.structuredSubject(structured.value())).as("what the benchmark counts by")
                .isEqualTo(header(binary, CloudEventHeaders.SUBJECT));
    }

    private static ProducerRecord<String, byte[]> occurrenceRecord() {
        RuleCreated rule = RuleSamples.nightly();
        Instant from = Instant.parse("2027-01-01T00:00:00Z");
        Occurrence first = RecurrenceExpander.expand(RecurrenceSpec.of(rule), from, from.plusSeconds(7 * 86_400), 1)
                .occurrences().get(0);
        var event = OccurrenceEvents.event(RuleDefinition.of(rule), 1, first, Tzdata.version(rule.timezone()));
        RuleOrigin origin = RuleOrigin.of(RuleSamples.envelope(rule));
        return new EventCodec(JSON).toRecord(OccurrenceEvents.metadata(event, origin, origin.time()), event);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode value, String name) {
        return value.get(name).asString();
    }
}
