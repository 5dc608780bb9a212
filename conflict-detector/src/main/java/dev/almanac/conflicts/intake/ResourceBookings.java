package dev.almanac.conflicts.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.lifecycle.BookingChange;
import dev.almanac.events.EntryKind;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;

/**
 * conflict-detector's own topic that carries bookings from the task of an entry's calendar to the
 * task of the resource's id ({@value #TOPIC}): internal, not a contract. It has the partition count
 * of the input topics, and a record goes to the partition of its resource id, hashed as Kafka's
 * default partitioner hashes a record key, which is where {@code almanac.calendars.v1} keeps the
 * resource's own events. So one task holds a resource's events, all its bookings, and its conflicts.
 *
 * <p>The topic is compacted by {@code resource id/entry}: the latest booking of each entry of each
 * resource is kept for as long as the topic, like a changelog, so a booking waiting to be applied
 * never ages out. Values are JSON with the event convention and carry the envelope of the fact that
 * caused them, so the conflicts they lead to are stamped with that fact's time, actor and trace.
 */
public final class ResourceBookings {

    public static final String TOPIC = "conflict-detector-bookings";

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    private ResourceBookings() {
    }

    /**
     * A booking change as it travels. {@code reason} names what happened; {@code cause} is the envelope of the fact;
     * {@code ruleId} an occurrence's rule, absent from records written before it travelled.
     */
    public record BookingRecord(
            ResourceId resourceId,
            EntryKind kind,
            String entryId,
            CalendarId calendarId,
            ResourceRole role,
            String title,
            Instant start,
            Instant end,
            boolean released,
            long version,
            String reason,
            EventMetadata cause,
            @Nullable String ruleId) {

        static BookingRecord of(BookingChange change, EventMetadata cause) {
            Booking booking = change.booking();
            Entry entry = booking.entry();
            return new BookingRecord(change.resourceId(), entry.key().kind(), entry.key().id(), booking.calendarId(), booking.role(),
                    entry.title(), entry.time().start(), entry.time().end(), change.released(), change.version(), change.cause(), cause,
                    entry.ruleId());
        }

        BookingChange change() {
            Entry entry = new Entry(new EntryKey(kind, entryId), title, new TimeRange(start, end), ruleId);
            return new BookingChange(resourceId, new Booking(entry, calendarId, role), released, version, reason);
        }

        /** One key per booking, so that compaction keeps each booking's latest state. */
        String key() {
            return resourceId.value() + "/" + new EntryKey(kind, entryId).token();
        }
    }

    public static byte[] encode(BookingRecord booking) {
        return JSON.writeValueAsBytes(booking);
    }

    public static BookingRecord decode(byte[] value) {
        return JSON.readValue(value, BookingRecord.class);
    }

    /** The partition of a resource id: the default partitioner's, so that it is the partition of the resource's own events. */
    public static int partitionOf(ResourceId resourceId, int partitions) {
        return Utils.toPositive(Utils.murmur2(resourceId.value().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sends each booking to its resource's partition. */
    static final class ByResource implements StreamPartitioner<String, byte[]> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
            String resourceId = key.substring(0, key.indexOf('/'));
            return Optional.of(Set.of(partitionOf(ResourceId.of(resourceId), numPartitions)));
        }
    }
}
