package dev.almanac.conflicts.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ResourceRole;

/**
 * Every booking of the partition's resources, by items and occurrences on any calendar, in two
 * stores written together, as {@link dev.almanac.conflicts.entry.EntryStore} keeps a calendar's entries:
 * <ul>
 *   <li>{@value #BY_KEY}: {@code resource, entry key} to version, calendar, role, interval and title,
 *       for version guards and for finding where a moving booking was;</li>
 *   <li>{@value #BY_TIME}: {@code resource, start, entry key} to end, title, calendar and role, so that
 *       a resource's bookings come out of one range scan ordered by start.</li>
 * </ul>
 * A scan for the bookings that meet {@code [from, to]} starts at {@code from} minus the longest
 * booking the resource ever had, which the resource store keeps.
 */
public final class BookingStore {

    public static final String BY_KEY = "bookings";
    public static final String BY_TIME = "bookings-by-time";

    private static final int FORMAT = 1;
    private static final int HELD = 'H';
    private static final int RELEASED = 'R';

    private final StagedStore byKey;
    private final StagedStore byTime;
    private final ResourceStore resources;

    public BookingStore(StagedStore byKey, StagedStore byTime, ResourceStore resources) {
        this.byKey = byKey;
        this.byTime = byTime;
        this.resources = resources;
    }

    /**
     * The outcome of a write.
     *
     * @param applied  false when the store already held this version of the booking or a newer one
     * @param previous the booking as it was before, when there was one
     */
    public record Change(boolean applied, @Nullable StoredBooking previous) {
    }

    public Optional<StoredBooking> find(ResourceId resourceId, EntryKey key) {
        byte[] value = byKey.get(key(resourceId, key));
        return value == null ? Optional.empty() : Optional.of(decodeStored(key, value));
    }

    /** An entry books the resource at its interval, for the first time, again, or somewhere else. */
    public Change hold(ResourceId resourceId, Booking booking, long version) {
        Optional<StoredBooking> previous = find(resourceId, booking.key());
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Change(false, previous.get());
        }
        previous.ifPresent(stored -> unindex(resourceId, stored));
        write(resourceId, new StoredBooking(booking, version, false));
        Entry entry = booking.entry();
        byTime.put(timeKey(resourceId, entry.time().start(), entry.key()), Values.writer(FORMAT)
                .writeInstant(entry.time().end())
                .writeString(entry.title())
                .writeString(booking.calendarId().value())
                .writeString(booking.role().name())
                .toBytes());
        resources.bookingLasting(resourceId, entry.time().duration().toMillis());
        return new Change(true, previous.orElse(null));
    }

    /**
     * The entry no longer books the resource. Its row by time goes, and its row by key stays as a
     * version guard, so that a late older change cannot put it back.
     */
    public Change release(ResourceId resourceId, Booking left, long version) {
        Optional<StoredBooking> previous = find(resourceId, left.key());
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Change(false, previous.get());
        }
        previous.ifPresent(stored -> unindex(resourceId, stored));
        write(resourceId, new StoredBooking(left, version, true));
        return new Change(true, previous.orElse(null));
    }

    /** The resource's bookings that meet the closed range {@code [range.start, range.end]}, touching ones included, by start. */
    public List<Booking> meeting(ResourceId resourceId, TimeRange range) {
        long from = range.start().toEpochMilli();
        long earliestStart = OrderedKey.earlier(from, resources.find(resourceId).longestBookingMillis());
        List<KeyValue<Bytes, byte[]>> found = byTime.range(
                OrderedKey.builder().resource(resourceId).millis(earliestStart).build(),
                OrderedKey.builder().resource(resourceId).instant(range.end()).upperBound().build());
        List<Booking> meeting = new ArrayList<>(found.size());
        for (KeyValue<Bytes, byte[]> row : found) {
            Booking booking = decodeTimed(row);
            if (booking.entry().time().end().toEpochMilli() >= from) {
                meeting.add(booking);
            }
        }
        return meeting;
    }

    /** How many of the resource's bookings end after {@code since}: at most that many overlap at any instant from then on. */
    public int countEndingAfter(ResourceId resourceId, Instant since) {
        long from = since.toEpochMilli();
        int count = 0;
        for (KeyValue<Bytes, byte[]> row : byTime.range(
                OrderedKey.builder().resource(resourceId).millis(OrderedKey.earlier(from, resources.find(resourceId).longestBookingMillis()))
                        .build(),
                OrderedKey.builder().resource(resourceId).upperBound().build())) {
            if (Values.reader(row.value, FORMAT).readLong() > from) {
                count++;
            }
        }
        return count;
    }

    /** Every booking the resource holds, by start. */
    public List<Booking> ofResource(ResourceId resourceId) {
        List<KeyValue<Bytes, byte[]>> found = byTime.prefix(OrderedKey.builder().resource(resourceId).build());
        List<Booking> bookings = new ArrayList<>(found.size());
        found.forEach(row -> bookings.add(decodeTimed(row)));
        return bookings;
    }

    private void write(ResourceId resourceId, StoredBooking stored) {
        Booking booking = stored.booking();
        Entry entry = booking.entry();
        byKey.put(key(resourceId, entry.key()), Values.writer(FORMAT)
                .writeByte(stored.released() ? RELEASED : HELD)
                .writeLong(stored.version())
                .writeString(booking.calendarId().value())
                .writeString(booking.role().name())
                .writeInstant(entry.time().start())
                .writeInstant(entry.time().end())
                .writeString(entry.title())
                .toBytes());
    }

    private void unindex(ResourceId resourceId, StoredBooking stored) {
        if (!stored.released()) {
            byTime.delete(timeKey(resourceId, stored.booking().entry().time().start(), stored.booking().key()));
        }
    }

    private static StoredBooking decodeStored(EntryKey key, byte[] value) {
        Values.Reader reader = Values.reader(value, FORMAT);
        boolean released = reader.readByte() == RELEASED;
        long version = reader.readLong();
        CalendarId calendarId = CalendarId.of(reader.readString());
        ResourceRole role = ResourceRole.valueOf(reader.readString());
        Instant start = reader.readInstant();
        Instant end = reader.readInstant();
        Entry entry = new Entry(key, reader.readString(), new TimeRange(start, end));
        return new StoredBooking(new Booking(entry, calendarId, role), version, released);
    }

    private static Booking decodeTimed(KeyValue<Bytes, byte[]> row) {
        OrderedKey.Reader key = new OrderedKey.Reader(row.key);
        key.sized();
        Instant start = key.instant();
        EntryKey entryKey = key.entry();
        Values.Reader value = Values.reader(row.value, FORMAT);
        Instant end = value.readInstant();
        String title = value.readString();
        CalendarId calendarId = CalendarId.of(value.readString());
        ResourceRole role = ResourceRole.valueOf(value.readString());
        return new Booking(new Entry(entryKey, title, new TimeRange(start, end)), calendarId, role);
    }

    private static Bytes key(ResourceId resourceId, EntryKey key) {
        return OrderedKey.builder().resource(resourceId).entry(key).build();
    }

    private static Bytes timeKey(ResourceId resourceId, Instant start, EntryKey key) {
        return OrderedKey.builder().resource(resourceId).instant(start).entry(key).build();
    }
}
