package dev.almanac.dispatch.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A record's headers and value as one byte array, so that an event kept in a store is read back by the platform's
 * codec exactly as it came off the wire: a format byte, the header count, each header's name and value with their
 * lengths, then the value.
 */
public final class RecordBytes {

    private static final byte FORMAT = 1;

    private RecordBytes() {
    }

    public static byte[] encode(Headers headers, byte[] value) {
        int size = 1 + Integer.BYTES;
        Header[] all = headers.toArray();
        byte[][] names = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].key().getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES * 2 + names[i].length + (all[i].value() == null ? 0 : all[i].value().length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size + value.length);
        buffer.put(FORMAT).putInt(all.length);
        for (int i = 0; i < all.length; i++) {
            byte[] headerValue = all[i].value() == null ? new byte[0] : all[i].value();
            buffer.putInt(names[i].length).put(names[i]).putInt(headerValue.length).put(headerValue);
        }
        return buffer.put(value).array();
    }

    /** The stored record as if consumed from {@code topic}, so that the codec checks it against that topic's contract. */
    public static ConsumerRecord<String, byte[]> decode(String topic, String key, byte[] stored) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown stored record format " + format);
        }
        RecordHeaders headers = new RecordHeaders();
        int count = buffer.getInt();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[buffer.getInt()];
            buffer.get(name);
            byte[] headerValue = new byte[buffer.getInt()];
            buffer.get(headerValue);
            headers.add(new String(name, StandardCharsets.UTF_8), headerValue);
        }
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new ConsumerRecord<>(topic, 0, 0, 0L, TimestampType.CREATE_TIME, key.length(), value.length, key, value, headers,
                Optional.empty());
    }
}
