package dev.almanac.query.window;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.jspecify.annotations.Nullable;

/**
 * A window's JSON gzipped as one gzip member whose deflate stream is a run of segments, each a few buckets long, so
 * that the next version of the same window compresses again only the segments whose bytes changed.
 *
 * <p>Each segment is deflated by a deflater of its own, given the {@link #REACH_BYTES} of JSON before it as its
 * dictionary: its back-references reach no further, so it depends on those bytes and its own alone. It ends in a sync
 * flush, which leaves it byte-aligned and not final, and the stream ends in an empty final block. That is the layout
 * parallel gzip tools write, and any inflater reads it as one stream. A kept window over all calendars changes in a few
 * days per write, and deflating its whole year (about half a megabyte) for every update cost more than the update.
 *
 * <p>Segments split the JSON before a bucket (the bytes {@code {"timestamp":}), every so many buckets: the power of
 * two that comes closest below {@link #SEGMENT_BYTES} of JSON. A window's bucket count does not change from one version
 * to the next, so segment {@code i} of the next version covers the same buckets; it is deflated again only when its
 * bytes or those it may refer to differ. Where the marker does not occur, the whole JSON is one segment: plain gzip.
 * The split depends on the JSON alone, and a segment deflates alike whenever it is deflated, so the same JSON gives the
 * same bytes on every replica and after any version before, as the window's strong ETag promises.
 */
final class SegmentedGzip {

    /** About this much JSON a segment: small enough that a write recompresses little, large enough to compress well. */
    static final int SEGMENT_BYTES = 16 * 1024;
    /**
     * How much of the JSON before a segment it may refer to: a few buckets, where the names of queues and types repeat.
     * Segments that refer to nothing before them made a year over a hundred calendars 18 % larger than plain gzip.
     */
    static final int REACH_BYTES = 4 * 1024;

    private static final byte[] BUCKET_START = "{\"timestamp\":".getBytes(StandardCharsets.US_ASCII);
    /** Magic, deflate, no flags, no time, no extra flags, OS unknown (RFC 1952, 2.3). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final fixed-Huffman block holding only its end code: BFINAL 1, BTYPE 01, then seven zero bits. */
    private static final byte[] FINAL_BLOCK = {0x03, 0x00};

    private final byte[] json;
    /** Segment {@code i} is {@code json[jsonBounds[i], jsonBounds[i + 1])}. */
    private final int[] jsonBounds;
    private final byte[] gzip;
    /** Segment {@code i} deflated is {@code gzip[gzipBounds[i], gzipBounds[i + 1])}. */
    private final int[] gzipBounds;
    private final int deflated;

    private SegmentedGzip(byte[] json, int[] jsonBounds, byte[] gzip, int[] gzipBounds, int deflated) {
        this.json = json;
        this.jsonBounds = jsonBounds;
        this.gzip = gzip;
        this.gzipBounds = gzipBounds;
        this.deflated = deflated;
    }

    /**
     * {@code json} gzipped, reusing the deflated segments of {@code previous} (the window's version before, or null)
     * whose bytes are unchanged.
     */
    static SegmentedGzip of(byte[] json, @Nullable SegmentedGzip previous) {
        int[] bucketStarts = bucketStarts(json);
        // A power of two, so that it seldom changes between versions as their lengths move a little.
        int bucketsPerSegment = Integer.highestOneBit((int) Math.max(1, (long) SEGMENT_BYTES * bucketStarts.length / Math.max(1, json.length)));
        int[] jsonBounds = segmentBounds(json.length, bucketStarts, bucketsPerSegment);
        int segments = jsonBounds.length - 1;

        ByteArrayOutputStream out = new ByteArrayOutputStream(previous != null ? previous.gzip.length + 4_096 : json.length / 3 + 64);
        out.writeBytes(HEADER);
        int[] gzipBounds = new int[segments + 1];
        int deflated = 0;
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int segment = 0; segment < segments; segment++) {
                gzipBounds[segment] = out.size();
                int from = jsonBounds[segment];
                int to = jsonBounds[segment + 1];
                int dictionary = Math.max(0, from - REACH_BYTES);
                if (previous != null && previous.sameSegment(segment, json, dictionary, from, to)) {
                    out.write(previous.gzip, previous.gzipBounds[segment], previous.gzipBounds[segment + 1] - previous.gzipBounds[segment]);
                    continue;
                }
                deflated++;
                deflater.reset();
                if (from > dictionary) {
                    deflater.setDictionary(json, dictionary, from - dictionary);
                }
                deflater.setInput(json, from, to - from);
                int written;
                do {
                    written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, written);
                } while (written == buffer.length || !deflater.needsInput());
            }
        } finally {
            deflater.end();
        }
        gzipBounds[segments] = out.size();
        out.writeBytes(FINAL_BLOCK);
        CRC32 crc = new CRC32();
        crc.update(json);
        writeIntLittleEndian(out, (int) crc.getValue());
        writeIntLittleEndian(out, json.length);
        return new SegmentedGzip(json, jsonBounds, out.toByteArray(), gzipBounds, deflated);
    }

    /** The gzip member, as sent. */
    byte[] bytes() {
        return gzip;
    }

    /** How many segments this version deflated, rather than took from the version before. */
    int deflatedSegments() {
        return deflated;
    }

    int segments() {
        return jsonBounds.length - 1;
    }

    /**
     * Whether this version's segment of that index and the bytes before it that it may refer to are those of
     * {@code other[dictionary, to)}, split at {@code from}.
     */
    private boolean sameSegment(int segment, byte[] other, int dictionary, int from, int to) {
        if (segment >= segments()) {
            return false;
        }
        int ownFrom = jsonBounds[segment];
        int ownDictionary = Math.max(0, ownFrom - REACH_BYTES);
        return ownFrom - ownDictionary == from - dictionary
                && Arrays.equals(json, ownDictionary, jsonBounds[segment + 1], other, dictionary, to);
    }

    /** Where each bucket's object starts, in order. */
    private static int[] bucketStarts(byte[] json) {
        int[] starts = new int[16];
        int found = 0;
        int last = json.length - BUCKET_START.length;
        for (int at = 0; at <= last; at++) {
            if (json[at] == '{' && Arrays.equals(json, at, at + BUCKET_START.length, BUCKET_START, 0, BUCKET_START.length)) {
                if (found == starts.length) {
                    starts = Arrays.copyOf(starts, found * 2);
                }
                starts[found++] = at;
                at += BUCKET_START.length - 1;
            }
        }
        return Arrays.copyOf(starts, found);
    }

    /** 0, the start of every {@code bucketsPerSegment}-th bucket after the first, and the end. */
    private static int[] segmentBounds(int length, int[] bucketStarts, int bucketsPerSegment) {
        int inner = bucketStarts.length == 0 ? 0 : (bucketStarts.length - 1) / bucketsPerSegment;
        int[] bounds = new int[inner + 2];
        for (int i = 1; i <= inner; i++) {
            bounds[i] = bucketStarts[i * bucketsPerSegment];
        }
        bounds[inner + 1] = length;
        return bounds;
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
