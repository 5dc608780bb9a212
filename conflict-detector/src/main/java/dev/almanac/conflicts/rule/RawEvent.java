package dev.almanac.conflicts.rule;

import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import dev.almanac.conflicts.state.Values;
import dev.almanac.events.Topics;

/**
 * A record of {@code almanac.rules.v1} as it was published: its timestamp, its CloudEvents headers and its JSON. Kept
 * as published, so that the platform's codec reads it as every consumer of the topic does, whenever a timeline is
 * folded again.
 */
public record RawEvent(long timestamp, Headers headers, byte[] value) {

    private static final int FORMAT = 1;

    public RawEvent {
        headers = new RecordHeaders(headers.toArray());
        value = value.clone();
    }

    /** The record as a consumer of {@code almanac.rules.v1} would have received it, for the platform's codec. */
    public ConsumerRecord<String, byte[]> asConsumed(String key) {
        return new ConsumerRecord<>(Topics.RULES, 0, 0, timestamp, TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, key, value, new RecordHeaders(headers.toArray()), Optional.empty());
    }

    public byte[] encode() {
        Header[] all = headers.toArray();
        Values.Writer writer = Values.writer(FORMAT).writeLong(timestamp).writeInt(all.length);
        for (Header header : all) {
            writer.writeString(header.key()).writeBytes(header.value());
        }
        return writer.writeBytes(value).toBytes();
    }

    public static RawEvent decode(byte[] stored) {
        Values.Reader reader = Values.reader(stored, FORMAT);
        long timestamp = reader.readLong();
        int count = reader.readInt();
        RecordHeaders headers = new RecordHeaders();
        for (int index = 0; index < count; index++) {
            headers.add(reader.readString(), reader.readBytes());
        }
        byte[] value = reader.readBytes();
        return new RawEvent(timestamp, headers, value == null ? new byte[0] : value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawEvent raw && timestamp == raw.timestamp && Arrays.equals(value, raw.value)
                && Arrays.equals(headers.toArray(), raw.headers.toArray());
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(timestamp) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawEvent[" + timestamp + ", " + value.length + " bytes]";
    }
}
