package dev.almanac.query.entry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Unsigned LEB128 numbers and length-prefixed strings, for the compact binary read-model values. */
public final class Varints {

    private Varints() {
    }

    public static void write(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varints hold no negative numbers: " + value);
        }
        long rest = value;
        while (rest >= 0x80) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    public static void write(ByteArrayOutputStream out, byte[] bytes) {
        write(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /** Reads what {@link #write} wrote, in order. */
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

        public String readString() {
            int length = readInt();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }
    }
}
