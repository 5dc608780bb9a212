package dev.almanac.conflicts.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Tenant;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;

/**
 * Store keys whose byte order is the order scans need. RocksDB and Kafka Streams' caches
 * compare keys as unsigned bytes, so every component is written to sort that way:
 * variable-length text that is followed by more components carries a length byte in front
 * (ids are at most 128 ASCII characters), instants are big-endian milliseconds with the
 * sign bit flipped, and only the last component may be bare text.
 */
public final class OrderedKey {

    /** Bytes of an encoded instant. */
    public static final int INSTANT_BYTES = Long.BYTES;

    private static final byte ITEM = 'i';
    private static final byte OCCURRENCE = 'o';

    private byte[] bytes;
    private int length;

    private OrderedKey(int capacity) {
        bytes = new byte[capacity];
    }

    public static OrderedKey builder() {
        return new OrderedKey(48);
    }

    /** A calendar as a leading component: its length, then its id. */
    public OrderedKey calendar(CalendarId calendarId) {
        return sized(calendarId.value());
    }

    /** A resource as a leading component: its length, then its id. */
    public OrderedKey resource(ResourceId resourceId) {
        return sized(resourceId.value());
    }

    /** Text followed by further components: a length byte, then the text. */
    public OrderedKey sized(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        if (encoded.length > 255) {
            throw new IllegalArgumentException("a key component is at most 255 bytes, but '" + text + "' has " + encoded.length);
        }
        ensure(1 + encoded.length);
        bytes[length++] = (byte) encoded.length;
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /** Text as the last component, without a length. */
    public OrderedKey text(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    public OrderedKey instant(Instant instant) {
        return millis(instant.toEpochMilli());
    }

    /** Milliseconds with the sign bit flipped, big-endian: negative instants sort before positive ones. */
    public OrderedKey millis(long epochMillis) {
        ensure(INSTANT_BYTES);
        long flipped = epochMillis ^ Long.MIN_VALUE;
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (flipped >>> shift);
        }
        return this;
    }

    /** An entry as the last component: its kind, then its id. */
    public OrderedKey entry(EntryKey key) {
        return kind(key.kind()).text(key.id());
    }

    /** An entry followed by further components: its kind, then its sized id. */
    public OrderedKey sizedEntry(EntryKey key) {
        return kind(key.kind()).sized(key.id());
    }

    /** The greatest byte; appended to a prefix it bounds an inclusive range over everything that starts with it. */
    public OrderedKey upperBound() {
        ensure(1);
        bytes[length++] = (byte) 0xFF;
        return this;
    }

    /**
     * The first key of a store keyed by bare ids ({@link #text}) that may be of {@code tenant}: its prefix; the first key of
     * all when null. With {@link #upperBoundOf} it bounds the range of the tenant's keys (ADR 0102).
     */
    public static Bytes lowerBoundOf(@Nullable Tenant tenant) {
        return tenant == null ? Bytes.wrap(new byte[0]) : builder().text(tenant.prefix()).build();
    }

    /** The last key of a store keyed by bare ids that may be of {@code tenant}, inclusive; beyond every key when null. */
    public static Bytes upperBoundOf(@Nullable Tenant tenant) {
        return tenant == null ? builder().upperBound().build() : builder().text(tenant.prefix()).upperBound().build();
    }

    /** {@code millis - span} for a span that is not negative, held at the smallest instant rather than wrapping around. */
    public static long earlier(long millis, long span) {
        long result = millis - span;
        return ((millis ^ span) & (millis ^ result)) < 0 ? Long.MIN_VALUE : result;
    }

    public Bytes build() {
        return Bytes.wrap(Arrays.copyOf(bytes, length));
    }

    private OrderedKey kind(EntryKind kind) {
        ensure(1);
        bytes[length++] = kind == EntryKind.ITEM ? ITEM : OCCURRENCE;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Reads a key written by {@link OrderedKey}, component by component. */
    public static final class Reader {

        private final byte[] bytes;
        private int position;

        public Reader(Bytes key) {
            this.bytes = key.get();
        }

        public Reader skip(int count) {
            position += count;
            return this;
        }

        public String sized() {
            int size = bytes[position++] & 0xFF;
            String text = new String(bytes, position, size, StandardCharsets.UTF_8);
            position += size;
            return text;
        }

        public CalendarId calendar() {
            return CalendarId.of(sized());
        }

        public String text() {
            String text = new String(bytes, position, bytes.length - position, StandardCharsets.UTF_8);
            position = bytes.length;
            return text;
        }

        public long millis() {
            long flipped = 0;
            for (int index = 0; index < INSTANT_BYTES; index++) {
                flipped = (flipped << 8) | (bytes[position++] & 0xFF);
            }
            return flipped ^ Long.MIN_VALUE;
        }

        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        public EntryKey entry() {
            EntryKind kind = kind();
            return new EntryKey(kind, text());
        }

        public EntryKey sizedEntry() {
            EntryKind kind = kind();
            return new EntryKey(kind, sized());
        }

        private EntryKind kind() {
            byte code = bytes[position++];
            if (code == ITEM) {
                return EntryKind.ITEM;
            }
            if (code == OCCURRENCE) {
                return EntryKind.OCCURRENCE;
            }
            throw new IllegalStateException("unknown entry kind code " + code);
        }
    }
}
