package dev.almanac.conflicts.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.state.EntriesByTime;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;

/**
 * Every item and occurrence of one partition, in two stores written together:
 * <ul>
 *   <li>{@value #BY_KEY}: entry key ({@code kind, id}) to calendar, interval, title, version, the
 *       resources it books and an occurrence's rule, for version guards, for finding where a moving entry was, and for
 *       telling its resources where it went;</li>
 *   <li>{@value #BY_TIME}: {@code calendar, start, entry key} to end, title and rule ({@link EntriesByTime}), so that a
 *       calendar's entries come out of one range scan ordered by start.</li>
 * </ul>
 * The calendar store keeps the longest entry each calendar ever held, where a scan by time starts from.
 * Instants are kept to the millisecond.
 */
public final class EntryStore {

    public static final String BY_KEY = "entries";
    public static final String BY_TIME = "entries-by-time";

    private static final int FORMAT = 1;
    /** A withdrawn entry's value in {@value #BY_KEY}: the same fields, and no row in {@value #BY_TIME}. */
    private static final int WITHDRAWN_FORMAT = 2;
    /** {@value #FORMAT} followed by the resources the entry books; entries that book none keep the shorter format. */
    private static final int BOOKING_FORMAT = 3;
    /** {@value #WITHDRAWN_FORMAT} followed by the resources the entry booked. */
    private static final int WITHDRAWN_BOOKING_FORMAT = 4;

    private final StagedStore byKey;
    private final EntriesByTime<Entry> byTime;
    private final CalendarStore calendars;

    public EntryStore(StagedStore byKey, StagedStore byTime, CalendarStore calendars) {
        this.byKey = byKey;
        this.byTime = new EntriesByTime<>(byTime, (entry, rest) -> entry);
        this.calendars = calendars;
    }

    /**
     * The outcome of a write.
     *
     * @param applied  false when the store already held this version of the entry or a newer one
     * @param previous the entry as it was before, when there was one
     */
    public record Placement(boolean applied, @Nullable StoredEntry previous) {
    }

    public Optional<StoredEntry> find(EntryKey key) {
        byte[] value = byKey.get(key(key));
        return value == null ? Optional.empty() : Optional.of(decodeStored(key, value));
    }

    /** An entry was put on the calendar, or its occurrence was materialised again; it books no resource. */
    public Placement place(CalendarId calendarId, Entry entry, long version) {
        return place(calendarId, entry, List.of(), version);
    }

    /**
     * An entry was put on the calendar, or its occurrence was materialised again.
     *
     * @param bookings the resources it books; null when the fact does not say, and then it books what it booked before
     */
    public Placement place(CalendarId calendarId, Entry entry, @Nullable List<ResourceBooking> bookings, long version) {
        Optional<StoredEntry> previous = find(entry.key());
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Placement(false, previous.get());
        }
        previous.ifPresent(this::unindex);
        List<ResourceBooking> booked = bookings != null ? bookings : previous.map(StoredEntry::bookings).orElse(List.of());
        write(new StoredEntry(calendarId, entry, version, false, booked));
        return new Placement(true, previous.orElse(null));
    }

    /**
     * An entry moved. A move can arrive for an entry whose placement this store never saw
     * (for example after topic retention); it is stored with an empty title then.
     */
    public Placement move(CalendarId calendarId, EntryKey key, TimeRange to, long version) {
        Optional<StoredEntry> previous = find(key);
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Placement(false, previous.get());
        }
        previous.ifPresent(this::unindex);
        Entry moved = previous.map(stored -> stored.entry().at(to)).orElse(new Entry(key, "", to));
        write(new StoredEntry(calendarId, moved, version, false,
                previous.map(StoredEntry::bookings).orElse(List.of())));
        return new Placement(true, previous.orElse(null));
    }

    /**
     * An entry left its calendar (a cancelled item, a retracted occurrence). Its row by time goes,
     * and its row by key stays as a version guard, so a late or redelivered older fact cannot put it
     * back; only a newer one can (an occurrence materialised again after its rule resumed).
     */
    public Placement withdraw(CalendarId calendarId, EntryKey key, TimeRange left, long version) {
        Optional<StoredEntry> previous = find(key);
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Placement(false, previous.get());
        }
        previous.ifPresent(this::unindex);
        String title = previous.map(stored -> stored.entry().title()).orElse("");
        List<ResourceBooking> booked = previous.map(StoredEntry::bookings).orElse(List.of());
        Values.Writer writer = Values.writer(booked.isEmpty() ? WITHDRAWN_FORMAT : WITHDRAWN_BOOKING_FORMAT)
                .writeLong(version)
                .writeString(calendarId.value())
                .writeInstant(left.start())
                .writeInstant(left.end())
                .writeString(title);
        byKey.put(key(key), rule(bookings(writer, booked), previous.map(stored -> stored.entry().ruleId()).orElse(null)).toBytes());
        return new Placement(true, previous.orElse(null));
    }

    /** The calendar's entries that meet the closed range {@code [range.start, range.end]}, touching ones included, by start. */
    public List<Entry> meeting(CalendarId calendarId, TimeRange range) {
        long longest = calendars.find(calendarId).longestEntryMillis();
        if (longest == 0) {
            // No entry was ever placed on the calendar: nothing to scan.
            return List.of();
        }
        return byTime.meeting(calendarId.value(), longest, range);
    }

    /** How many of the calendar's entries end after {@code since}: at most that many overlap at any instant from then on. */
    public int countEndingAfter(CalendarId calendarId, Instant since) {
        long longest = calendars.find(calendarId).longestEntryMillis();
        return longest == 0 ? 0 : byTime.countEndingAfter(calendarId.value(), longest, since);
    }

    public List<Entry> onCalendar(CalendarId calendarId) {
        return byTime.of(calendarId.value());
    }

    private void write(StoredEntry stored) {
        Entry entry = stored.entry();
        Values.Writer writer = Values.writer(stored.bookings().isEmpty() ? FORMAT : BOOKING_FORMAT)
                .writeLong(stored.version())
                .writeString(stored.calendarId().value())
                .writeInstant(entry.time().start())
                .writeInstant(entry.time().end())
                .writeString(entry.title());
        byKey.put(key(entry.key()), rule(bookings(writer, stored.bookings()), entry.ruleId()).toBytes());
        byTime.put(stored.calendarId().value(), entry, UnaryOperator.identity());
        calendars.entryLasting(stored.calendarId(), entry.time().duration().toMillis());
    }

    private void unindex(StoredEntry stored) {
        if (stored.withdrawn()) {
            return;
        }
        byTime.delete(stored.calendarId().value(), stored.entry());
    }

    /** Only entries that book resources write them, so that the rest keep the shorter formats. */
    private static Values.Writer bookings(Values.Writer writer, List<ResourceBooking> bookings) {
        if (!bookings.isEmpty()) {
            writer.writeInt(bookings.size());
            bookings.forEach(booking -> writer.writeString(booking.resourceId().value()).writeString(booking.role().name()));
        }
        return writer;
    }

    /** An occurrence's rule, last in every format; values written before it was kept end without it. */
    private static Values.Writer rule(Values.Writer writer, @Nullable String ruleId) {
        return ruleId == null ? writer : writer.writeString(ruleId);
    }

    private static StoredEntry decodeStored(EntryKey key, byte[] value) {
        int format = Values.format(value);
        boolean withdrawn = format == WITHDRAWN_FORMAT || format == WITHDRAWN_BOOKING_FORMAT;
        Values.Reader reader = Values.reader(value, format);
        long version = reader.readLong();
        CalendarId calendarId = CalendarId.of(reader.readString());
        Instant start = reader.readInstant();
        Instant end = reader.readInstant();
        String title = reader.readString();
        List<ResourceBooking> bookings = new ArrayList<>();
        if (format == BOOKING_FORMAT || format == WITHDRAWN_BOOKING_FORMAT) {
            int count = reader.readInt();
            for (int index = 0; index < count; index++) {
                bookings.add(new ResourceBooking(ResourceId.of(reader.readString()), ResourceRole.valueOf(reader.readString())));
            }
        }
        Entry entry = new Entry(key, title, new TimeRange(start, end), reader.atEnd() ? null : reader.readString());
        return new StoredEntry(calendarId, entry, version, withdrawn, bookings);
    }

    private static Bytes key(EntryKey key) {
        return OrderedKey.builder().entry(key).build();
    }
}
