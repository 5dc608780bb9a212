package dev.almanac.conflicts.link;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.Tenant;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/**
 * The pairs whose primary's id falls on the partition, in two stores written together:
 * <ul>
 *   <li>{@value #PAIRS}: {@code primary, follower} to both sides as their calendars' tasks last told
 *       them, and the grace the pair waits out, if it does;</li>
 *   <li>{@value #DUE}: {@code due time, primary, follower}, for the pairs whose grace runs out by a
 *       time, earliest first, as {@code escalations-due} holds SCH-015's clocks.</li>
 * </ul>
 */
public final class LinkPairStore {

    public static final String PAIRS = "link-pairs";
    public static final String DUE = "orphans-due";

    private static final int FORMAT = 1;
    /** Each side with what its fact said of the other item, and the versions the pair awaits of each (ADR 0061). */
    private static final int AWAITING_FORMAT = 2;

    private final StagedStore pairs;
    private final StagedStore due;

    public LinkPairStore(StagedStore pairs, StagedStore due) {
        this.pairs = pairs;
        this.due = due;
    }

    public Optional<LinkPair> find(ItemId primaryId, ItemId followerId) {
        byte[] value = pairs.get(key(primaryId, followerId));
        return value == null ? Optional.empty() : Optional.of(decode(primaryId, followerId, value));
    }

    /** Writes the pair, and moves its entry in the due index with its grace. */
    public void save(LinkPair pair) {
        Optional<LinkPair> stored = find(pair.primaryId(), pair.followerId());
        PendingOrphan before = stored.map(LinkPair::pending).orElse(null);
        if (before != null && (pair.pending() == null || !before.due().equals(pair.pending().due()))) {
            due.delete(dueKey(before.due(), pair));
        }
        if (pair.pending() != null) {
            due.put(dueKey(pair.pending().due(), pair), Values.writer(FORMAT).toBytes());
        }
        Values.Writer writer = Values.writer(AWAITING_FORMAT);
        side(writer, pair.primary());
        side(writer, pair.follower());
        writer.writeBoolean(pair.pending() != null);
        if (pair.pending() != null) {
            writer.writeInstant(pair.pending().due());
            cause(writer, pair.pending().cause());
        }
        writer.writeLong(pair.primaryAwaited()).writeLong(pair.followerAwaited());
        pairs.put(key(pair.primaryId(), pair.followerId()), writer.toBytes());
    }

    /** The pairs whose grace has run out at {@code now}, earliest first, at most {@code limit}. */
    public List<LinkPair> dueBy(Instant now, int limit) {
        List<LinkPair> found = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : due.range(OrderedKey.builder().millis(Long.MIN_VALUE).build(),
                OrderedKey.builder().instant(now).upperBound().build())) {
            if (found.size() == limit) {
                break;
            }
            OrderedKey.Reader key = new OrderedKey.Reader(row.key);
            key.millis();
            ItemId primaryId = ItemId.of(key.sized());
            find(primaryId, ItemId.of(key.text())).ifPresent(found::add);
        }
        return found;
    }

    /** When the earliest grace of the partition runs out; null when no pair waits one out. */
    public @Nullable Instant firstDue() {
        Bytes first = due.firstKey();
        return first == null ? null : new OrderedKey.Reader(first).instant();
    }

    /** Every pair of the partition, for the re-scan. */
    public List<LinkPair> all() {
        return all(null);
    }

    /**
     * The pairs of {@code tenant}, whose primary is its item, for its re-scan; every pair when null. A link across tenants
     * is refused when it is made, so the follower is the tenant's too. The key begins with the primary's length, so the
     * tenant's pairs are not one range of keys: every key is read, and only the tenant's values are decoded.
     */
    public List<LinkPair> all(@Nullable Tenant tenant) {
        List<LinkPair> found = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : pairs.range(Bytes.wrap(new byte[0]), OrderedKey.builder().upperBound().build())) {
            OrderedKey.Reader key = new OrderedKey.Reader(row.key);
            String primary = key.sized();
            if (tenant != null && !tenant.owns(primary)) {
                continue;
            }
            found.add(decode(ItemId.of(primary), ItemId.of(key.text()), row.value));
        }
        return found;
    }

    private static void side(Values.Writer writer, @Nullable LinkSide side) {
        writer.writeBoolean(side != null);
        if (side == null) {
            return;
        }
        writer.writeLong(side.version())
                .writeString(side.calendarId().value())
                .writeBoolean(side.otherCalendarId() != null);
        if (side.otherCalendarId() != null) {
            writer.writeString(side.otherCalendarId().value());
        }
        writer.writeBoolean(side.linked())
                .writeLong(side.offsetSeconds())
                .writeBoolean(side.placed())
                .writeString(side.title())
                .writeInstant(side.time().start())
                .writeInstant(side.time().end())
                .writeBoolean(side.sameTransaction().said())
                .writeLong(side.sameTransaction().otherVersion());
    }

    private static @Nullable LinkSide side(Values.Reader reader, int format, LinkRole role, ItemId primaryId, ItemId followerId) {
        if (!reader.readBoolean()) {
            return null;
        }
        long version = reader.readLong();
        CalendarId calendarId = CalendarId.of(reader.readString());
        CalendarId otherCalendarId = reader.readBoolean() ? CalendarId.of(reader.readString()) : null;
        boolean linked = reader.readBoolean();
        long offset = reader.readLong();
        boolean placed = reader.readBoolean();
        String title = reader.readString();
        TimeRange time = new TimeRange(reader.readInstant(), reader.readInstant());
        SameTransaction sameTransaction = format == AWAITING_FORMAT
                ? new SameTransaction(reader.readBoolean(), reader.readLong())
                : SameTransaction.UNSAID;
        ItemId itemId = role == LinkRole.PRIMARY ? primaryId : followerId;
        ItemId otherId = role == LinkRole.PRIMARY ? followerId : primaryId;
        return new LinkSide(role, itemId, calendarId, otherId, otherCalendarId, linked, offset, placed, title, time, version,
                sameTransaction);
    }

    private static void cause(Values.Writer writer, EventMetadata cause) {
        writer.writeString(cause.id())
                .writeString(cause.type())
                .writeString(cause.source())
                .writeInstant(cause.time())
                .writeString(cause.subject())
                .writeLong(cause.aggregateVersion())
                .writeString(cause.actor())
                .writeString(cause.correlationId())
                .writeBoolean(cause.traceparent() != null);
        if (cause.traceparent() != null) {
            writer.writeString(cause.traceparent());
        }
        writer.writeBoolean(cause.causationId() != null);
        if (cause.causationId() != null) {
            writer.writeString(cause.causationId());
        }
    }

    private static EventMetadata cause(Values.Reader reader) {
        return new EventMetadata(reader.readString(), reader.readString(), reader.readString(), reader.readInstant(),
                reader.readString(), reader.readLong(), reader.readString(), reader.readString(),
                reader.readBoolean() ? reader.readString() : null, reader.readBoolean() ? reader.readString() : null);
    }

    private static LinkPair decode(ItemId primaryId, ItemId followerId, byte[] value) {
        int format = Values.format(value) == AWAITING_FORMAT ? AWAITING_FORMAT : FORMAT;
        boolean awaiting = format == AWAITING_FORMAT;
        Values.Reader reader = Values.reader(value, format);
        LinkSide primary = side(reader, format, LinkRole.PRIMARY, primaryId, followerId);
        LinkSide follower = side(reader, format, LinkRole.FOLLOWER, primaryId, followerId);
        PendingOrphan pending = reader.readBoolean() ? new PendingOrphan(reader.readInstant(), cause(reader)) : null;
        // A pair written before sides said what else their transaction changed awaits nothing.
        long primaryAwaited = awaiting ? reader.readLong() : -1;
        long followerAwaited = awaiting ? reader.readLong() : -1;
        return new LinkPair(primaryId, followerId, primary, follower, primaryAwaited, followerAwaited, pending);
    }

    private static Bytes key(ItemId primaryId, ItemId followerId) {
        return OrderedKey.builder().sized(primaryId.value()).text(followerId.value()).build();
    }

    private static Bytes dueKey(Instant due, LinkPair pair) {
        return OrderedKey.builder().instant(due).sized(pair.primaryId().value()).text(pair.followerId().value()).build();
    }
}
