package dev.almanac.query.entry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Unsigned LEB128 numbers and length-prefixed strings, for the compact binary read-model values. */
public final class Varints {

    private Varints() {
    }

    /**
     * Collects a value byte by byte. Not {@link java.io.ByteArrayOutputStream}: its writes are
     * synchronized, a lock taken per byte, and a window day's write encodes a hundred calendars.
     */
    public static final class Writer {

        private byte[] buffer;
        private int size;

        public Writer(int expectedSize) {
            buffer = new byte[Math.max(16, expectedSize)];
        }

        public Writer writeByte(int value) {
            ensure(1);
            buffer[size++] = (byte) value;
            return this;
        }

        public Writer writeLong(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("varints hold no negative numbers: " + value);
            }
            ensure(10);
            long rest = value;
            while (rest >= 0x80) {
                buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            buffer[size++] = (byte) rest;
            return this;
        }

        /** The bytes' length as a varint, then the bytes. */
        public Writer writeBytes(byte[] bytes) {
            writeLong(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        /** {@code bytes[from, to)} as they are, with no length before them: a part another writer wrote. */
        public Writer writeRaw(byte[] bytes, int from, int to) {
            ensure(to - from);
            System.arraycopy(bytes, from, buffer, size, to - from);
            size += to - from;
            return this;
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    /** Reads what a {@link Writer} wrote, in order. */
    public static final class Reader {

        private final byte[] bytes;
        private int position;

        public Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        public int readByte() {
            return bytes[position++] & 0xFF;
        }

        public long readLong() {
            long value = 0;
            int shift = 0;
            int next;
            do {
                next = readByte();
                value |= (long) (next & 0x7F) << shift;
                shift += 7;
            } while ((next & 0x80) != 0);
            return value;
        }

        public int readInt() {
            return Math.toIntExact(readLong());
        }

        /** How many bytes were read. */
        public int position() {
            return position;
        }

        public String readString() {
            int length = readInt();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }
    }
}
