package dev.almanac.conflicts.calendar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OwnerType;

/**
 * The calendars of one partition, keyed by calendar id: the profile and who may manage its conflicts
 * (owner and grants), written at most once per version, the extents that bound the time scans of the entry and conflict indexes, and the
 * number of active conflicts. One record reads its calendar several times, so reads are
 * remembered until the record's writes are committed or discarded.
 */
public final class CalendarStore {

    /** Store name; its changelog topic is {@code conflict-detector-calendars-changelog}. */
    public static final String STORE = "calendars";

    /** Format 1 had no owner or grants; format 2 appends them. Both are read. */
    private static final int FORMAT_WITHOUT_ACCESS = 1;
    private static final int FORMAT = 2;

    private final StagedStore calendars;
    private final Map<CalendarId, CalendarRecord> read = new HashMap<>();
    private final Map<CalendarId, AccessChange> accessChanges = new LinkedHashMap<>();

    public CalendarStore(StagedStore calendars) {
        this.calendars = calendars;
    }

    public CalendarRecord find(CalendarId id) {
        CalendarRecord known = read.get(id);
        if (known != null) {
            return known;
        }
        byte[] value = calendars.get(key(id));
        CalendarRecord found = value == null ? CalendarRecord.UNKNOWN : decode(id, value);
        read.put(id, found);
        return found;
    }

    public Optional<CalendarProfile> profile(CalendarId id) {
        return find(id).knownProfile();
    }

    /** @return true if this version was newer than the stored one and was applied */
    public boolean save(CalendarProfile profile, long version) {
        return save(profile, null, version);
    }

    /** @return true if this version was newer than the stored one and was applied */
    public boolean save(CalendarProfile profile, @Nullable CalendarOwner owner, long version) {
        CalendarRecord stored = find(profile.id());
        if (stored.version() >= version) {
            return false;
        }
        CalendarRecord saved = stored.withProfile(profile, owner, version);
        write(profile.id(), saved);
        if (!saved.access().equals(stored.access())) {
            accessChanges.put(profile.id(), new AccessChange(profile.id(), saved.access(), version));
        }
        return true;
    }

    /**
     * Records a grant ({@code role} present) or its revocation; a grant may arrive before the calendar's
     * profile only if its partition's order were broken, and is kept all the same.
     *
     * @return true if this version was newer than the stored one and was applied
     */
    public boolean saveAccess(CalendarId id, UserId user, @Nullable CalendarRole role, long version) {
        CalendarRecord stored = find(id);
        if (stored.version() >= version) {
            return false;
        }
        CalendarAccess access = role == null ? stored.access().revoked(user) : stored.access().granted(user, role);
        write(id, stored.withAccess(access, version));
        accessChanges.put(id, new AccessChange(id, access, version));
        return true;
    }

    /**
     * A calendar's owner or grants as they stand after the current record, to be copied to every
     * partition (ADR 0030).
     */
    public record AccessChange(CalendarId calendarId, CalendarAccess access, long version) {
    }

    /** The access changes of the current record, once; its discarded writes take theirs along ({@link #forget}). */
    public List<AccessChange> takeAccessChanges() {
        List<AccessChange> taken = List.copyOf(accessChanges.values());
        accessChanges.clear();
        return taken;
    }

    /** Every calendar of this partition whose owner or grants are not those of an open calendar, as they stand. */
    public List<AccessChange> restrictedAccess() {
        return restrictedAccess(null);
    }

    /** {@link #restrictedAccess()} of the calendars of {@code tenant} only; of every calendar when null. */
    public List<AccessChange> restrictedAccess(@Nullable Tenant tenant) {
        List<AccessChange> restricted = new ArrayList<>();
        for (CalendarId id : knownIds(tenant)) {
            CalendarRecord calendar = find(id);
            if (!calendar.access().equals(CalendarAccess.OPEN)) {
                restricted.add(new AccessChange(id, calendar.access(), calendar.version()));
            }
        }
        return restricted;
    }

    /** Records that the calendar holds an entry this long; the extent only grows. */
    public void entryLasting(CalendarId id, long millis) {
        CalendarRecord stored = find(id);
        if (millis > stored.longestEntryMillis()) {
            write(id, stored.withLongestEntry(millis));
        }
    }

    /** Records that the calendar has had a conflict window this long; the extent only grows. */
    public void conflictLasting(CalendarId id, long millis) {
        CalendarRecord stored = find(id);
        if (millis > stored.longestConflictMillis()) {
            write(id, stored.withLongestConflict(millis));
        }
    }

    /** One of the calendar's conflicts became active ({@code +1}) or stopped being active ({@code -1}). */
    public void countActiveConflicts(CalendarId id, int change) {
        CalendarRecord stored = find(id);
        write(id, stored.withActiveConflicts(Math.max(0, stored.activeConflicts() + change)));
    }

    /** The ids of every calendar this partition knows, created or only heard of through its entries, in key order. */
    public List<CalendarId> knownIds() {
        return knownIds(null);
    }

    /**
     * The ids of the calendars of {@code tenant} this partition knows, in key order; of every calendar when null. A
     * calendar's key is its bare id, so a tenant's calendars are one range of keys, the others are not read.
     */
    public List<CalendarId> knownIds(@Nullable Tenant tenant) {
        List<CalendarId> ids = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : calendars.range(OrderedKey.lowerBoundOf(tenant), OrderedKey.upperBoundOf(tenant))) {
            ids.add(CalendarId.of(new OrderedKey.Reader(row.key).text()));
        }
        return ids;
    }

    /** Forgets what was read; the staged writes it remembered are committed or discarded. */
    public void forget() {
        read.clear();
        accessChanges.clear();
    }

    private void write(CalendarId id, CalendarRecord calendar) {
        Values.Writer writer = Values.writer(FORMAT)
                .writeLong(calendar.version())
                .writeLong(calendar.longestEntryMillis())
                .writeLong(calendar.longestConflictMillis())
                .writeInt(calendar.activeConflicts());
        CalendarProfile profile = calendar.profile();
        writer.writeBoolean(profile != null);
        if (profile != null) {
            writer.writeString(profile.type().name()).writeInt(profile.capacity());
        }
        CalendarOwner owner = calendar.access().owner();
        writer.writeBoolean(owner != null);
        if (owner != null) {
            writer.writeString(owner.id()).writeString(owner.type().name());
        }
        Map<UserId, CalendarRole> grants = calendar.access().grantsInOrder();
        writer.writeInt(grants.size());
        grants.forEach((user, role) -> writer.writeString(user.value()).writeString(role.name()));
        calendars.put(key(id), writer.toBytes());
        read.put(id, calendar);
    }

    private static CalendarRecord decode(CalendarId id, byte[] value) {
        int format = Values.format(value);
        Values.Reader reader = Values.reader(value, format == FORMAT_WITHOUT_ACCESS ? FORMAT_WITHOUT_ACCESS : FORMAT);
        long version = reader.readLong();
        long longestEntry = reader.readLong();
        long longestConflict = reader.readLong();
        int activeConflicts = reader.readInt();
        CalendarProfile profile = reader.readBoolean()
                ? new CalendarProfile(id, CalendarType.valueOf(reader.readString()), reader.readInt())
                : null;
        if (format == FORMAT_WITHOUT_ACCESS) {
            return new CalendarRecord(profile, version, longestEntry, longestConflict, activeConflicts);
        }
        CalendarOwner owner = reader.readBoolean() ? new CalendarOwner(reader.readString(), OwnerType.valueOf(reader.readString())) : null;
        Map<UserId, CalendarRole> grants = new HashMap<>();
        for (int count = reader.readInt(); count > 0; count--) {
            grants.put(UserId.of(reader.readString()), CalendarRole.valueOf(reader.readString()));
        }
        return new CalendarRecord(profile, version, longestEntry, longestConflict, activeConflicts, new CalendarAccess(owner, grants));
    }

    private static Bytes key(CalendarId id) {
        return OrderedKey.builder().text(id.value()).build();
    }
}
