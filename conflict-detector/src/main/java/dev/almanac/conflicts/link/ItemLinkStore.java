package dev.almanac.conflicts.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/**
 * The links of the items of one partition (the partition of each item's calendar), in
 * {@value #STORE}: {@code item, other item} to side, other calendar, offset, whether it holds, and
 * version. An item's links are one prefix scan, so that its moves and cancellations can tell each pair
 * where it now is; an item without links costs one empty scan.
 */
public final class ItemLinkStore {

    public static final String STORE = "item-links";

    private static final int FORMAT = 1;

    private final StagedStore links;

    public ItemLinkStore(StagedStore links) {
        this.links = links;
    }

    public Optional<ItemLink> find(ItemId itemId, ItemId otherId) {
        byte[] value = links.get(key(itemId, otherId));
        return value == null ? Optional.empty() : Optional.of(decode(itemId, otherId, value));
    }

    /** Every link the item took part in, ended ones included. */
    public List<ItemLink> of(ItemId itemId) {
        List<ItemLink> found = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : links.prefix(OrderedKey.builder().sized(itemId.value()).build())) {
            OrderedKey.Reader key = new OrderedKey.Reader(row.key);
            key.sized();
            found.add(decode(itemId, ItemId.of(key.text()), row.value));
        }
        return found;
    }

    /** @return false, writing nothing, when the store holds this version of the link or a newer one */
    public boolean save(ItemLink link) {
        Optional<ItemLink> stored = find(link.itemId(), link.otherId());
        if (stored.isPresent() && stored.get().version() >= link.version()) {
            return false;
        }
        Values.Writer writer = Values.writer(FORMAT)
                .writeLong(link.version())
                .writeByte(link.role() == LinkRole.PRIMARY ? 'P' : 'F')
                .writeBoolean(link.linked())
                .writeLong(link.offsetSeconds())
                .writeBoolean(link.otherCalendarId() != null);
        if (link.otherCalendarId() != null) {
            writer.writeString(link.otherCalendarId().value());
        }
        links.put(key(link.itemId(), link.otherId()), writer.toBytes());
        return true;
    }

    private static ItemLink decode(ItemId itemId, ItemId otherId, byte[] value) {
        Values.Reader reader = Values.reader(value, FORMAT);
        long version = reader.readLong();
        LinkRole role = reader.readByte() == 'P' ? LinkRole.PRIMARY : LinkRole.FOLLOWER;
        boolean linked = reader.readBoolean();
        long offset = reader.readLong();
        CalendarId otherCalendar = reader.readBoolean() ? CalendarId.of(reader.readString()) : null;
        return new ItemLink(itemId, role, otherId, otherCalendar, offset, linked, version);
    }

    private static Bytes key(ItemId itemId, ItemId otherId) {
        return OrderedKey.builder().sized(itemId.value()).text(otherId.value()).build();
    }
}
