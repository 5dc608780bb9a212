package dev.almanac.conflicts.calendar;

import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;

/**
 * The calendars of one partition, keyed by calendar id: the profile, written at most once per
 * version, and the extents that bound the time scans of the entry and conflict indexes.
 */
public final class CalendarStore {

    /** Store name; its changelog topic is {@code conflict-detector-calendars-changelog}. */
    public static final String STORE = "calendars";

    private static final int FORMAT = 1;

    private final StagedStore calendars;

    public CalendarStore(StagedStore calendars) {
        this.calendars = calendars;
    }

    public CalendarRecord find(CalendarId id) {
        byte[] value = calendars.get(key(id));
        return value == null ? CalendarRecord.UNKNOWN : decode(id, value);
    }

    public Optional<CalendarProfile> profile(CalendarId id) {
        return find(id).knownProfile();
    }

    /** @return true if this version was newer than the stored one and was applied */
    public boolean save(CalendarProfile profile, long version) {
        CalendarRecord stored = find(profile.id());
        if (stored.version() >= version) {
            return false;
        }
        write(profile.id(), new CalendarRecord(profile, version, stored.longestEntryMillis(), stored.longestConflictMillis()));
        return true;
    }

    /** Records that the calendar holds an entry this long; the extent only grows. */
    public void entryLasting(CalendarId id, long millis) {
        CalendarRecord stored = find(id);
        if (millis > stored.longestEntryMillis()) {
            write(id, new CalendarRecord(stored.profile(), stored.version(), millis, stored.longestConflictMillis()));
        }
    }

    /** Records that the calendar has had a conflict window this long; the extent only grows. */
    public void conflictLasting(CalendarId id, long millis) {
        CalendarRecord stored = find(id);
        if (millis > stored.longestConflictMillis()) {
            write(id, new CalendarRecord(stored.profile(), stored.version(), stored.longestEntryMillis(), millis));
        }
    }

    private void write(CalendarId id, CalendarRecord calendar) {
        Values.Writer writer = Values.writer(FORMAT)
                .writeLong(calendar.version())
                .writeLong(calendar.longestEntryMillis())
                .writeLong(calendar.longestConflictMillis());
        CalendarProfile profile = calendar.profile();
        writer.writeBoolean(profile != null);
        if (profile != null) {
            writer.writeString(profile.type().name()).writeInt(profile.capacity());
        }
        calendars.put(key(id), writer.toBytes());
    }

    private static CalendarRecord decode(CalendarId id, byte[] value) {
        Values.Reader reader = Values.reader(value, FORMAT);
        long version = reader.readLong();
        long longestEntry = reader.readLong();
        long longestConflict = reader.readLong();
        CalendarProfile profile = reader.readBoolean()
                ? new CalendarProfile(id, CalendarType.valueOf(reader.readString()), reader.readInt())
                : null;
        return new CalendarRecord(profile, version, longestEntry, longestConflict);
    }

    private static Bytes key(CalendarId id) {
        return OrderedKey.builder().text(id.value()).build();
    }
}
