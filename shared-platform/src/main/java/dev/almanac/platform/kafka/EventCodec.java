package dev.almanac.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.envelope.InvalidEnvelopeException;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Turns events into Kafka records and back, under the CloudEvents binary binding: the value
 * is the event's JSON, the envelope travels in headers, the key is the event's partition key.
 */
public final class EventCodec {

    private static final byte[] RULE_DERIVED_BYTES = CloudEventHeaders.RULE_DERIVED_VALUE.getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper mapper;
    private final @Nullable OccurrenceBodies occurrenceBodies;
    private final EnvelopeHeaders envelopeHeaders = new EnvelopeHeaders();
    /** A reader per event type, its root deserializer found once rather than for every record read (ADR 0034). */
    private final ClassValue<ObjectReader> readers;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
        this.occurrenceBodies = OccurrenceBodies.matching(mapper);
        this.readers = new ClassValue<>() {
            @Override
            protected ObjectReader computeValue(Class<?> type) {
                return mapper.readerFor(type);
            }
        };
    }

    public ProducerRecord<String, byte[]> toRecord(EventMetadata metadata, AlmanacEvent event) {
        EventType type = EventCatalog.of(event);
        if (!type.ceType().equals(metadata.type())) {
            throw new IllegalArgumentException("metadata type " + metadata.type() + " does not match " + type.ceType());
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.partitionKey(), toJson(event));
        envelopeHeaders.addTo(metadata, record.headers());
        if (event instanceof OccurrenceEvent occurrence && occurrence.derivableFromRules()) {
            record.headers().add(CloudEventHeaders.RULE_DERIVED, RULE_DERIVED_BYTES);
        }
        return record;
    }

    /**
     * The event's record, and its copy where a copy topic carries the event too ({@link EventCatalog#copyTopicOf}): the
     * same key, value and headers on the other topic.
     */
    public List<ProducerRecord<String, byte[]>> toRecords(EventMetadata metadata, AlmanacEvent event) {
        ProducerRecord<String, byte[]> record = toRecord(metadata, event);
        return EventCatalog.copyTopicOf(event)
                .map(copyTopic -> List.of(record, new ProducerRecord<>(copyTopic, null, record.key(), record.value(), new RecordHeaders(record.headers().toArray()))))
                .orElseGet(() -> List.of(record));
    }

    /**
     * Whether the record says its effect follows from the rules topic alone ({@link CloudEventHeaders#RULE_DERIVED}),
     * read from its headers without decoding its value: a consumer that computes rule occurrences skips it.
     */
    public static boolean isRuleDerived(ConsumerRecord<?, ?> record) {
        return isRuleDerived(record.headers());
    }

    /** {@link #isRuleDerived(ConsumerRecord)} for the headers alone, as a Kafka Streams processor sees a record. */
    public static boolean isRuleDerived(Headers headers) {
        Header header = headers.lastHeader(CloudEventHeaders.RULE_DERIVED);
        return header != null && Arrays.equals(header.value(), RULE_DERIVED_BYTES);
    }

    /** The event's JSON; rule-expander's occurrences, millions of records, by a writer of their own that gives the same bytes. */
    public byte[] toJson(AlmanacEvent event) {
        if (occurrenceBodies != null && event instanceof OccurrenceMaterialized occurrence) {
            return occurrenceBodies.write(occurrence);
        }
        return mapper.writeValueAsBytes(event);
    }

    /**
     * Reads a record back into its event.
     *
     * @throws PoisonMessageException when the record can never be applied; the message names why
     */
    public ReceivedEvent fromRecord(ConsumerRecord<String, byte @Nullable []> record) {
        EventMetadata metadata;
        try {
            metadata = CloudEventHeaders.decode(name -> lastHeader(record, name));
        } catch (InvalidEnvelopeException e) {
            throw new PoisonMessageException(e.getMessage(), e);
        }
        EventType type = EventCatalog.byCeType(metadata.type())
                .orElseThrow(() -> new PoisonMessageException("unknown event type " + metadata.type()));
        if (!EventCatalog.carries(record.topic(), type)) {
            throw new PoisonMessageException(metadata.type() + " does not belong on topic " + record.topic());
        }
        if (record.value() == null) {
            throw new PoisonMessageException("record value is empty for " + metadata.type());
        }
        AlmanacEvent event = fromJson(type, record.value());
        RequiredFields.firstMissing(event).ifPresent(field -> {
            throw new PoisonMessageException(metadata.type() + " lacks required field " + AlmanacJson.wireName(field));
        });
        if (!event.subject().equals(metadata.subject())) {
            throw new PoisonMessageException("header ce_subject " + metadata.subject()
                    + " does not match the event's subject " + event.subject());
        }
        return new ReceivedEvent(metadata, event);
    }

    private AlmanacEvent fromJson(EventType type, byte[] json) {
        try {
            return readers.get(type.javaType()).readValue(json);
        } catch (JacksonException e) {
            throw new PoisonMessageException("value is not a valid " + type.ceType() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static byte @Nullable [] lastHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
