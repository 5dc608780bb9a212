package dev.almanac.conflicts.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;

/**
 * Every item and occurrence of one partition, in two stores written together:
 * <ul>
 *   <li>{@value #BY_KEY}: entry key ({@code kind, id}) to calendar, interval, title and version,
 *       for version guards and for finding where a moving entry was;</li>
 *   <li>{@value #BY_TIME}: {@code calendar, start, entry key} to end and title, so that a
 *       calendar's entries come out of one range scan ordered by start.</li>
 * </ul>
 * A scan for the entries that meet {@code [from, to]} starts at {@code from} minus the longest
 * entry the calendar ever held, because an entry that starts that early may still reach
 * {@code from}; the calendar store keeps that extent. Instants are kept to the millisecond.
 */
public final class EntryStore {

    public static final String BY_KEY = "entries";
    public static final String BY_TIME = "entries-by-time";

    private static final int FORMAT = 1;
    /** A withdrawn entry's value in {@value #BY_KEY}: the same fields, and no row in {@value #BY_TIME}. */
    private static final int WITHDRAWN_FORMAT = 2;

    private final StagedStore byKey;
    private final StagedStore byTime;
    private final CalendarStore calendars;

    public EntryStore(StagedStore byKey, StagedStore byTime, CalendarStore calendars) {
        this.byKey = byKey;
        this.byTime = byTime;
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

    /** An entry was put on the calendar, or its occurrence was materialised again. */
    public Placement place(CalendarId calendarId, Entry entry, long version) {
        Optional<StoredEntry> previous = find(entry.key());
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Placement(false, previous.get());
        }
        previous.ifPresent(this::unindex);
        write(new StoredEntry(calendarId, entry, version));
        return new Placement(true, previous.orElse(null));
    }

    /**
     * An entry moved. A move can arrive for an entry whose placement this store never saw
     * (for example after topic retention); it is stored with an empty title then.
     */
    public Placement move(CalendarId calendarId, EntryKey key, TimeRange to, long version) {
        Optional<StoredEntry> previous = find(key);
        String title = previous.map(stored -> stored.entry().title()).orElse("");
        if (previous.isPresent() && previous.get().version() >= version) {
            return new Placement(false, previous.get());
        }
        previous.ifPresent(this::unindex);
        write(new StoredEntry(calendarId, new Entry(key, title, to), version));
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
        byKey.put(key(key), Values.writer(WITHDRAWN_FORMAT)
                .writeLong(version)
                .writeString(calendarId.value())
                .writeInstant(left.start())
                .writeInstant(left.end())
                .writeString(title)
                .toBytes());
        return new Placement(true, previous.orElse(null));
    }

    /** The calendar's entries that meet the closed range {@code [range.start, range.end]}, touching ones included, by start. */
    public List<Entry> meeting(CalendarId calendarId, TimeRange range) {
        long from = range.start().toEpochMilli();
        long earliestStart = OrderedKey.earlier(from, calendars.find(calendarId).longestEntryMillis());
        List<KeyValue<Bytes, byte[]>> found = byTime.range(
                OrderedKey.builder().calendar(calendarId).millis(earliestStart).build(),
                OrderedKey.builder().calendar(calendarId).instant(range.end()).upperBound().build());
        List<Entry> meeting = new ArrayList<>(found.size());
        for (KeyValue<Bytes, byte[]> row : found) {
            Entry entry = decodeTimed(row);
            if (entry.time().end().toEpochMilli() >= from) {
                meeting.add(entry);
            }
        }
        return meeting;
    }

    public List<Entry> onCalendar(CalendarId calendarId) {
        List<KeyValue<Bytes, byte[]>> found = byTime.prefix(OrderedKey.builder().calendar(calendarId).build());
        List<Entry> entries = new ArrayList<>(found.size());
        found.forEach(row -> entries.add(decodeTimed(row)));
        return entries;
    }

    private void write(StoredEntry stored) {
        Entry entry = stored.entry();
        byKey.put(key(entry.key()), Values.writer(FORMAT)
                .writeLong(stored.version())
                .writeString(stored.calendarId().value())
                .writeInstant(entry.time().start())
                .writeInstant(entry.time().end())
                .writeString(entry.title())
                .toBytes());
        byTime.put(timeKey(stored.calendarId(), entry.time().start(), entry.key()), Values.writer(FORMAT)
                .writeInstant(entry.time().end())
                .writeString(entry.title())
                .toBytes());
        calendars.entryLasting(stored.calendarId(), entry.time().duration().toMillis());
    }

    private void unindex(StoredEntry stored) {
        if (stored.withdrawn()) {
            return;
        }
        byTime.delete(timeKey(stored.calendarId(), stored.entry().time().start(), stored.entry().key()));
    }

    private static StoredEntry decodeStored(EntryKey key, byte[] value) {
        boolean withdrawn = value.length > 0 && value[0] == WITHDRAWN_FORMAT;
        Values.Reader reader = Values.reader(value, withdrawn ? WITHDRAWN_FORMAT : FORMAT);
        long version = reader.readLong();
        CalendarId calendarId = CalendarId.of(reader.readString());
        Instant start = reader.readInstant();
        Instant end = reader.readInstant();
        return new StoredEntry(calendarId, new Entry(key, reader.readString(), new TimeRange(start, end)), version, withdrawn);
    }

    private static Entry decodeTimed(KeyValue<Bytes, byte[]> row) {
        OrderedKey.Reader key = new OrderedKey.Reader(row.key);
        key.sized();
        Instant start = key.instant();
        EntryKey entryKey = key.entry();
        Values.Reader value = Values.reader(row.value, FORMAT);
        Instant end = value.readInstant();
        return new Entry(entryKey, value.readString(), new TimeRange(start, end));
    }

    private static Bytes key(EntryKey key) {
        return OrderedKey.builder().entry(key).build();
    }

    private static Bytes timeKey(CalendarId calendarId, Instant start, EntryKey key) {
        return OrderedKey.builder().calendar(calendarId).instant(start).entry(key).build();
    }
}
