package dev.almanac.conflicts.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Compact binary values. Every value begins with a format byte, so that a later layout can be
 * told apart from this one when a store is restored from its changelog.
 */
public final class Values {

    private Values() {
    }

    public static Writer writer(int format) {
        return new Writer().writeByte(format);
    }

    /** The format byte a value was written with. */
    public static int format(byte[] value) {
        return value[0] & 0xFF;
    }

    /** @throws IllegalStateException when the value was written in another format */
    public static Reader reader(byte[] value, int format) {
        Reader reader = new Reader(value);
        int found = reader.readByte();
        if (found != format) {
            throw new IllegalStateException("stored value has format " + found + ", expected " + format);
        }
        return reader;
    }

    public static final class Writer {

        private byte[] bytes = new byte[64];
        private int length;

        public Writer writeByte(int value) {
            ensure(1);
            bytes[length++] = (byte) value;
            return this;
        }

        public Writer writeBoolean(boolean value) {
            return writeByte(value ? 1 : 0);
        }

        public Writer writeInt(int value) {
            ensure(Integer.BYTES);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (value >>> shift);
            }
            return this;
        }

        public Writer writeLong(long value) {
            ensure(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (value >>> shift);
            }
            return this;
        }

        public Writer writeInstant(Instant instant) {
            return writeLong(instant.toEpochMilli());
        }

        /** A length-prefixed UTF-8 string. */
        public Writer writeString(String value) {
            byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
            writeInt(encoded.length);
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
            return this;
        }

        /** Length-prefixed bytes; null is written as length -1. */
        public Writer writeBytes(byte @Nullable [] value) {
            if (value == null) {
                return writeInt(-1);
            }
            writeInt(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, bytes, length, value.length);
            length += value.length;
            return this;
        }

        public byte[] toBytes() {
            return Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    public static final class Reader {

        private final byte[] bytes;
        private int position;

        private Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        public int readByte() {
            return bytes[position++];
        }

        public boolean readBoolean() {
            return readByte() != 0;
        }

        public int readInt() {
            int value = 0;
            for (int index = 0; index < Integer.BYTES; index++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        public long readLong() {
            long value = 0;
            for (int index = 0; index < Long.BYTES; index++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        public Instant readInstant() {
            return Instant.ofEpochMilli(readLong());
        }

        /** Whether every field was read: a value written before a trailing field was added ends here. */
        public boolean atEnd() {
            return position >= bytes.length;
        }

        public byte @Nullable [] readBytes() {
            int size = readInt();
            if (size < 0) {
                return null;
            }
            byte[] value = Arrays.copyOfRange(bytes, position, position + size);
            position += size;
            return value;
        }

        public String readString() {
            int size = readInt();
            String value = new String(bytes, position, size, StandardCharsets.UTF_8);
            position += size;
            return value;
        }
    }
}
