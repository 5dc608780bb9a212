package dev.almanac.conflicts.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.UnavailableRange;

/**
 * The ranges during which the partition's resources are unavailable ({@value #STORE}): {@code resource,
 * start} to end and reason. A resource's ranges do not overlap (SCH-031, which command-service
 * enforces), so a range is known by its start. A scan for the ranges that overlap a stretch of time
 * starts the longest range the resource ever had before it.
 */
public final class UnavailableRangeStore {

    public static final String STORE = "unavailable-ranges";

    private static final int FORMAT = 1;

    private final StagedStore ranges;
    private final ResourceStore resources;

    public UnavailableRangeStore(StagedStore ranges, ResourceStore resources) {
        this.ranges = ranges;
        this.resources = resources;
    }

    public void add(ResourceId resourceId, UnavailableRange range) {
        write(resourceId, range);
        resources.unavailableLasting(resourceId, range.end().toEpochMilli() - range.start().toEpochMilli());
    }

    /**
     * The resource is available over {@code [from, till)}: every range it meets is cut back to what
     * lies outside, so a longer range that covers it is split in two, each part keeping its reason.
     *
     * @return the ranges it cut, as they were: a booking anywhere in one of them now meets other ranges
     */
    public List<UnavailableRange> release(ResourceId resourceId, Instant from, Instant till) {
        List<UnavailableRange> cut = overlapping(resourceId, new TimeRange(from, till));
        for (UnavailableRange range : cut) {
            ranges.delete(key(resourceId, range.start()));
            range.without(from, till).forEach(left -> write(resourceId, left));
        }
        return cut;
    }

    /** The resource's ranges that overlap {@code [range.start, range.end)}, by start. */
    public List<UnavailableRange> overlapping(ResourceId resourceId, TimeRange range) {
        long from = range.start().toEpochMilli();
        long earliestStart = OrderedKey.earlier(from, resources.find(resourceId).longestUnavailableMillis());
        List<KeyValue<Bytes, byte[]>> found = ranges.range(
                OrderedKey.builder().resource(resourceId).millis(earliestStart).build(),
                OrderedKey.builder().resource(resourceId).millis(range.end().toEpochMilli() - 1).upperBound().build());
        List<UnavailableRange> overlapping = new ArrayList<>(found.size());
        for (KeyValue<Bytes, byte[]> row : found) {
            UnavailableRange stored = decode(row);
            if (stored.overlaps(range.start(), range.end())) {
                overlapping.add(stored);
            }
        }
        return overlapping;
    }

    private void write(ResourceId resourceId, UnavailableRange range) {
        Values.Writer writer = Values.writer(FORMAT).writeInstant(range.end()).writeBoolean(range.reason() != null);
        if (range.reason() != null) {
            writer.writeString(range.reason());
        }
        ranges.put(key(resourceId, range.start()), writer.toBytes());
    }

    private static UnavailableRange decode(KeyValue<Bytes, byte[]> row) {
        OrderedKey.Reader key = new OrderedKey.Reader(row.key);
        key.sized();
        Instant start = key.instant();
        Values.Reader value = Values.reader(row.value, FORMAT);
        Instant end = value.readInstant();
        return new UnavailableRange(start, end, value.readBoolean() ? value.readString() : null);
    }

    private static Bytes key(ResourceId resourceId, Instant start) {
        return OrderedKey.builder().resource(resourceId).instant(start).build();
    }
}
