package dev.almanac.conflicts.resource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.state.EntriesByTime;
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
 *   <li>{@value #BY_TIME}: {@code resource, start, entry key} to end, title, calendar and role ({@link EntriesByTime}),
 *       so that a resource's bookings come out of one range scan ordered by start.</li>
 * </ul>
 * The resource store keeps the longest booking each resource ever had, where a scan by time starts from.
 */
public final class BookingStore {

    public static final String BY_KEY = "bookings";
    public static final String BY_TIME = "bookings-by-time";

    private static final int FORMAT = 1;
    private static final int HELD = 'H';
    private static final int RELEASED = 'R';

    private final StagedStore byKey;
    private final EntriesByTime<Booking> byTime;
    private final ResourceStore resources;

    public BookingStore(StagedStore byKey, StagedStore byTime, ResourceStore resources) {
        this.byKey = byKey;
        this.byTime = new EntriesByTime<>(byTime, BookingStore::booking);
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
        byTime.put(resourceId.value(), entry, rest -> rest
                .writeString(booking.calendarId().value())
                .writeString(booking.role().name()));
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
        return byTime.meeting(resourceId.value(), resources.find(resourceId).longestBookingMillis(), range);
    }

    /** How many of the resource's bookings end after {@code since}: at most that many overlap at any instant from then on. */
    public int countEndingAfter(ResourceId resourceId, Instant since) {
        return byTime.countEndingAfter(resourceId.value(), resources.find(resourceId).longestBookingMillis(), since);
    }

    /** Every booking the resource holds, by start. */
    public List<Booking> ofResource(ResourceId resourceId) {
        return byTime.of(resourceId.value());
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
                // An occurrence's rule, last: values written before it was kept end without it.
                .writeString(entry.ruleId() == null ? "" : entry.ruleId())
                .toBytes());
    }

    private void unindex(ResourceId resourceId, StoredBooking stored) {
        if (!stored.released()) {
            byTime.delete(resourceId.value(), stored.booking().entry());
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
        String title = reader.readString();
        String ruleId = reader.atEnd() ? "" : reader.readString();
        Entry entry = new Entry(key, title, new TimeRange(start, end), ruleId.isEmpty() ? null : ruleId);
        return new StoredBooking(new Booking(entry, calendarId, role), version, released);
    }

    /** A booking from its entry and the rest of its row by time: calendar and role. */
    private static Booking booking(Entry entry, Values.Reader rest) {
        CalendarId calendarId = CalendarId.of(rest.readString());
        return new Booking(entry, calendarId, ResourceRole.valueOf(rest.readString()));
    }

    private static Bytes key(ResourceId resourceId, EntryKey key) {
        return OrderedKey.builder().resource(resourceId).entry(key).build();
    }
}
