package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.support.Gzip;

/** A window's JSON gzipped in segments inflates to the JSON, and its next version deflates only what changed. */
class SegmentedGzipTest {

    private static final JsonMapper MAPPER = AlmanacJson.configure(JsonMapper.builder()).build();
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aYearOverManyCalendarsInflatesToItsJsonFromOneMemberOfManySegments() {
        byte[] json = MAPPER.writeValueAsBytes(year(20_000, 0));

        SegmentedGzip gzip = SegmentedGzip.of(json, null);

        assertThat(Gzip.gunzip(gzip.bytes())).isEqualTo(json);
        assertThat(inflatedAsOneMember(gzip.bytes())).as("one gzip member, one deflate stream: what any client reads").isEqualTo(json);
        assertThat(gzip.segments()).as("segments of about %d bytes", SegmentedGzip.SEGMENT_BYTES)
                .isBetween(json.length / SegmentedGzip.SEGMENT_BYTES / 2, json.length / SegmentedGzip.SEGMENT_BYTES * 2);
        assertThat(gzip.deflatedSegments()).isEqualTo(gzip.segments());
        assertThat(gzip.bytes().length).isLessThan(json.length / 3);
    }

    @Test
    void theNextVersionDeflatesOnlyTheSegmentsWhoseBytesChanged() {
        byte[] before = MAPPER.writeValueAsBytes(year(20_000, 0));
        byte[] after = MAPPER.writeValueAsBytes(year(20_000, 1));
        SegmentedGzip first = SegmentedGzip.of(before, null);

        SegmentedGzip next = SegmentedGzip.of(after, first);

        assertThat(Gzip.gunzip(next.bytes())).isEqualTo(after);
        assertThat(inflatedAsOneMember(next.bytes())).isEqualTo(after);
        assertThat(next.segments()).isEqualTo(first.segments());
        // The day written to, the next segment if the day lies within its reach, and the summary, which counts every entry.
        assertThat(next.deflatedSegments()).isBetween(2, 3);
        assertThat(SegmentedGzip.of(before, first).deflatedSegments()).as("the same bytes again").isZero();
        assertThat(next.bytes()).as("the bytes a replica without the version before writes, as the strong ETag promises")
                .isEqualTo(SegmentedGzip.of(after, null).bytes());
    }

    @Test
    void anyJsonInflatesToItselfWhateverTheVersionBeforeHeld() {
        byte[] year = MAPPER.writeValueAsBytes(year(20_000, 0));
        byte[] shorter = MAPPER.writeValueAsBytes(grid(Duration.ofDays(30), 2_000, 0).toScheduleWindow());
        byte[] noBuckets = "{\"buckets\":[]}".repeat(500).getBytes(StandardCharsets.UTF_8);
        SegmentedGzip first = SegmentedGzip.of(year, null);

        for (byte[] json : new byte[][] {shorter, noBuckets, new byte[0], year}) {
            SegmentedGzip gzip = SegmentedGzip.of(json, first);
            assertThat(Gzip.gunzip(gzip.bytes())).isEqualTo(json);
            assertThat(inflatedAsOneMember(gzip.bytes())).isEqualTo(json);
        }
        assertThat(SegmentedGzip.of(noBuckets, null).segments()).as("no bucket to split before: plain gzip").isEqualTo(1);
    }

    /**
     * A segment refers to the bytes before it, so a change at the end of one segment makes the next one deflate again
     * too: taken as it was, its back-references would read the changed bytes.
     */
    @Test
    void deflatesTheSegmentAfterAChangeWithinItsReach() {
        byte[] before = buckets(400, -1);
        SegmentedGzip first = SegmentedGzip.of(before, null);
        byte[] changedAtTheEndOfASegment = buckets(400, 207);

        SegmentedGzip next = SegmentedGzip.of(changedAtTheEndOfASegment, first);

        assertThat(Gzip.gunzip(next.bytes())).isEqualTo(changedAtTheEndOfASegment);
        assertThat(next.deflatedSegments()).isEqualTo(2);
    }

    /**
     * The year by day in Asia/Kolkata over 97 calendars, its peak on 2026-01-05, with {@code added} more entries on
     * 2026-06-10 (which leave the peak, and so every bucket's density score, as it was).
     */
    private static ScheduleWindow year(int entries, int added) {
        BucketGrid grid = grid(Duration.ofDays(365), entries, added);
        return grid.toScheduleWindow();
    }

    private static BucketGrid grid(Duration length, int entries, int added) {
        BucketGrid grid = BucketGrid.over(new WindowSpec(YEAR, YEAR.plus(length), ZoneId.of("Asia/Kolkata"), Granularity.DAY));
        long step = length.toMinutes() / entries;
        for (int i = 0; i < entries; i++) {
            Instant start = YEAR.plus(Duration.ofMinutes(step * i));
            grid.add(new EntryTiming(start, start.plus(Duration.ofMinutes(5)), "cal-" + i % 97, "type-" + i % 7));
        }
        for (int i = 0; i < 200; i++) {
            Instant start = Instant.parse("2026-01-05T06:00:00Z").plus(Duration.ofMinutes(i));
            grid.add(new EntryTiming(start, start.plus(Duration.ofMinutes(5)), "cal-5", "type-2"));
        }
        for (int i = 0; i < added; i++) {
            Instant start = Instant.parse("2026-06-10T06:00:00Z").plus(Duration.ofMinutes(i));
            grid.add(new EntryTiming(start, start.plus(Duration.ofMinutes(5)), "cal-3", "type-1"));
        }
        return grid;
    }

    /**
     * Inflates the deflate stream between the 10-byte header and the 8-byte trailer as one stream, and requires it to
     * end exactly there: a reader that stops after the first member (some do) gets the whole body.
     */
    private static byte[] inflatedAsOneMember(byte[] gzip) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gzip, 10, gzip.length - 10);
            byte[] out = new byte[1 << 16];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, length * 2);
                }
                int inflated = inflater.inflate(out, length, out.length - length);
                assertThat(inflated > 0 || inflater.finished() || length == out.length).as("the stream goes on to its final block").isTrue();
                length += inflated;
            }
            assertThat(inflater.getRemaining()).as("only the trailer follows the final block").isEqualTo(8);
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new AssertionError("not one deflate stream", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * A window's JSON of {@code count} buckets of about 600 bytes, so 16 to a segment, bucket {@code changed} counting
     * one more.
     */
    static byte[] buckets(int count, int changed) {
        StringBuilder json = new StringBuilder("{\"window\":{},\"buckets\":[");
        for (int bucket = 0; bucket < count; bucket++) {
            json.append(bucket == 0 ? "" : ",").append("{\"timestamp\":\"").append(YEAR.plus(Duration.ofHours(bucket)))
                    .append("\",\"job_count\":").append(bucket % 17 + (bucket == changed ? 1 : 0)).append(",\"queues\":{");
            for (int queue = 0; queue < 60; queue++) {
                json.append(queue == 0 ? "" : ",").append("\"cal-").append(queue).append("\":").append((bucket * 31 + queue) % 13);
            }
            json.append("}}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
