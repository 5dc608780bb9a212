package dev.almanac.conflicts.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.conflicts.link.LinkSide;
import dev.almanac.conflicts.link.SameTransaction;
import dev.almanac.conflicts.lifecycle.LinkSideChange;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.platform.json.AlmanacJson;

/**
 * conflict-detector's own topic that carries each item's side of a link from the task of the item's
 * calendar to the task of the primary's id ({@value #TOPIC}): internal, not a contract, like
 * {@link ResourceBookings}. It has the partition count of the input topics, and a record goes to the
 * partition of its primary's id, hashed as Kafka's default partitioner hashes a record key, so that
 * both sides of a pair, whatever their calendars, meet in one task (ADR 0061).
 *
 * <p>The topic is compacted by {@code primary/follower/side}: the latest state of each side of each
 * pair is kept for as long as the topic, like a changelog. Values are JSON with the event convention and
 * carry the envelope of the fact that caused them, so the conflicts they lead to carry its time, actor
 * and trace.
 */
public final class LinkSides {

    public static final String TOPIC = "conflict-detector-links";

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    private LinkSides() {
    }

    /** One side as it travels. {@code reason} names what happened; {@code cause} is the envelope of the fact. */
    public record LinkSideRecord(
            ItemId primaryId,
            ItemId followerId,
            LinkRole side,
            CalendarId calendarId,
            @Nullable CalendarId otherCalendarId,
            boolean linked,
            long offsetSeconds,
            boolean placed,
            String title,
            Instant start,
            Instant end,
            long version,
            String reason,
            EventMetadata cause,
            @Nullable SameTransaction sameTransaction) {

        static LinkSideRecord of(LinkSideChange change, EventMetadata cause) {
            LinkSide side = change.side();
            return new LinkSideRecord(side.primaryId(), side.followerId(), side.role(), side.calendarId(), side.otherCalendarId(),
                    side.linked(), side.offsetSeconds(), side.placed(), side.title(), side.time().start(), side.time().end(),
                    side.version(), change.cause(), cause, side.sameTransaction());
        }

        LinkSideChange change() {
            ItemId itemId = side == LinkRole.PRIMARY ? primaryId : followerId;
            ItemId otherId = side == LinkRole.PRIMARY ? followerId : primaryId;
            return new LinkSideChange(new LinkSide(side, itemId, calendarId, otherId, otherCalendarId, linked, offsetSeconds, placed,
                    title, new TimeRange(start, end), version,
                    // A record written before sides said what else their transaction changed says nothing.
                    sameTransaction == null ? SameTransaction.UNSAID : sameTransaction), reason);
        }

        /** One key per side of a pair, so that compaction keeps each side's latest state. */
        String key() {
            return primaryId.value() + "/" + followerId.value() + "/" + (side == LinkRole.PRIMARY ? "primary" : "follower");
        }
    }

    public static byte[] encode(LinkSideRecord side) {
        return JSON.writeValueAsBytes(side);
    }

    public static LinkSideRecord decode(byte[] value) {
        return JSON.readValue(value, LinkSideRecord.class);
    }

    /** The partition of a primary's id: the default partitioner's, as for a resource's bookings. */
    public static int partitionOf(ItemId primaryId, int partitions) {
        return Utils.toPositive(Utils.murmur2(primaryId.value().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sends each side to its primary's partition. */
    static final class ByPrimary implements StreamPartitioner<String, byte[]> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
            return Optional.of(Set.of(partitionOf(ItemId.of(key.substring(0, key.indexOf('/'))), numPartitions)));
        }
    }
}
