package dev.almanac.query.stream;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.CloudEventHeaders;

/** A change to a calendar, where its record stands on its topic partition, and what the stream tells of it. */
record StreamEvent(TopicPartition partition, long offset, StreamTopic topic, StreamChange change) {

    /**
     * The change a record carries, read from its envelope headers alone (the value is never decoded);
     * empty for a record of another topic, without key or envelope, or not about the calendar its key names.
     */
    static Optional<StreamEvent> of(ConsumerRecord<String, byte[]> record) {
        return record.key() == null ? Optional.empty() : of(record, record.key());
    }

    /**
     * The change a record carries for {@code calendarId}, read from its envelope headers alone; empty for a record of another
     * topic, without envelope, or not about a calendar.
     */
    static Optional<StreamEvent> of(ConsumerRecord<String, byte[]> record, String calendarId) {
        Optional<StreamTopic> topic = StreamTopic.of(record.topic());
        String type = header(record.headers(), CloudEventHeaders.TYPE);
        String eventId = header(record.headers(), CloudEventHeaders.ID);
        String subject = header(record.headers(), CloudEventHeaders.SUBJECT);
        if (topic.isEmpty() || type == null || eventId == null || subject == null || !topic.get().aboutCalendar(type)) {
            return Optional.empty();
        }
        Long version = version(header(record.headers(), CloudEventHeaders.AGGREGATE_VERSION));
        StreamChange change = new StreamChange(calendarId, type, eventId, subject, version,
                topic.get().consistencyToken(subject, version));
        return Optional.of(new StreamEvent(new TopicPartition(record.topic(), record.partition()), record.offset(), topic.get(), change));
    }

    String calendarId() {
        return change.calendarId();
    }

    String eventName() {
        return topic.eventName();
    }

    private static @Nullable String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static @Nullable Long version(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
