package dev.almanac.dispatch.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;

/**
 * Keys that sort as the state is read back: a kind byte, then text components each ended by a zero byte (ids never
 * hold one), then big-endian numbers, so that one rule's events sort by version.
 */
final class StoreKeys {

    private StoreKeys() {
    }

    static Bytes of(byte kind, String... texts) {
        return of(kind, -1, texts);
    }

    /** @param number appended after the texts when not negative */
    static Bytes of(byte kind, long number, String... texts) {
        int size = 1 + (number >= 0 ? Long.BYTES : 0);
        byte[][] encoded = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            encoded[i] = texts[i].getBytes(StandardCharsets.UTF_8);
            size += encoded[i].length + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(kind);
        for (byte[] text : encoded) {
            buffer.put(text).put((byte) 0);
        }
        if (number >= 0) {
            buffer.putLong(number);
        }
        return Bytes.wrap(buffer.array());
    }

    static byte kind(Bytes key) {
        return key.get()[0];
    }

    /** The text components of a key made by {@link #of}, and nothing of a number after them. */
    static String[] texts(Bytes key, int count) {
        byte[] bytes = key.get();
        String[] texts = new String[count];
        int start = 1;
        for (int i = 0; i < count; i++) {
            int end = start;
            while (bytes[end] != 0) {
                end++;
            }
            texts[i] = new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8);
            start = end + 1;
        }
        return texts;
    }

    static byte[] millis(long millis) {
        return ByteBuffer.allocate(Long.BYTES).putLong(millis).array();
    }

    static long millis(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }
}
