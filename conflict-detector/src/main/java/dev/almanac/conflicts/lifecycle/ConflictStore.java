package dev.almanac.conflicts.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.calendar.CalendarRecord;
import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.resource.ResourceRecord;
import dev.almanac.conflicts.resource.ResourceStore;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.EntryKind;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ResourceRole;

/**
 * Every conflict of one partition, and two indexes over the active ones, written together:
 * <ul>
 *   <li>{@value #CONFLICTS}: conflict id to presence, the version of its last event, the last
 *       {@code ConflictDetected} (a cleared conflict keeps it), its lifecycle status and its escalation
 *       time, written at most once per version;</li>
 *   <li>{@value #BY_CALENDAR}: {@code calendar, window start, conflict id} to window end, for the
 *       active conflicts of a calendar that overlap a range;</li>
 *   <li>{@value #BY_ENTRY}: {@code entry key, conflict id} to calendar, for the active calendar
 *       conflicts an entry takes part in;</li>
 *   <li>{@value #BY_RESOURCE}: {@code resource, window start, conflict id} to window end, for the
 *       active conflicts of a resource (double bookings, bookings while unavailable) that overlap a
 *       range; a resource conflict is in this index instead of the two by calendar and by entry;</li>
 *   <li>{@value #ESCALATIONS}: {@code due time, conflict id}, for the detected critical and severe
 *       conflicts that escalate by themselves when the time comes (SCH-015).</li>
 * </ul>
 * An orphaned link is in none of the indexes by calendar, entry or resource: its id is derived from its
 * pair, which {@link dev.almanac.conflicts.link.LinkPairStore} keeps, so the pair finds it (ADR 0061).
 * The calendar and resource stores count each one's active conflicts, so that one without any,
 * the common case, answers every query without a scan.
 */
public final class ConflictStore {

    public static final String CONFLICTS = "conflicts";
    public static final String BY_CALENDAR = "active-conflicts-by-calendar";
    public static final String BY_ENTRY = "active-conflicts-by-entry";
    public static final String ESCALATIONS = "escalations-due";
    public static final String BY_RESOURCE = "active-conflicts-by-resource";

    private static final int FORMAT = 1;
    /** Format 1 and the lifecycle: status and the time of its SCH-015 escalation. */
    private static final int LIFECYCLE_FORMAT = 2;
    /** Format 2 and resource conflicts: the resource, its type and how each entry books it. */
    private static final int RESOURCE_FORMAT = 3;
    /** Format 3 and orphaned links: the pair (ADR 0061). Only conflicts with a link are written in it. */
    private static final int LINK_FORMAT = 4;
    private static final int ACTIVE = 'A';
    private static final int CLEARED = 'C';

    private final StagedStore conflicts;
    private final StagedStore byCalendar;
    private final StagedStore byEntry;
    private final StagedStore escalations;
    private final StagedStore byResource;
    private final CalendarStore calendars;
    private final ResourceStore resources;

    public ConflictStore(StagedStore conflicts, StagedStore byCalendar, StagedStore byEntry, StagedStore escalations,
                         StagedStore byResource, CalendarStore calendars, ResourceStore resources) {
        this.conflicts = conflicts;
        this.byCalendar = byCalendar;
        this.byEntry = byEntry;
        this.escalations = escalations;
        this.byResource = byResource;
        this.calendars = calendars;
        this.resources = resources;
    }

    /** Records a change that is being published. @return true if it was newer than what the store held */
    public boolean record(ConflictChange change) {
        Optional<StoredConflict> stored = find(change.conflictId());
        if (stored.isPresent() && stored.get().version() >= change.version()) {
            return false;
        }
        boolean wasActive = stored.filter(StoredConflict::active).isPresent();
        if (change instanceof ConflictChange.Transition transition) {
            StoredConflict current = stored.orElseThrow(() -> new IllegalStateException(
                    "conflict " + change.conflictId() + " was never detected, so it cannot change its status"));
            cancelEscalation(current);
            write(current.withStatus(transition.status(), transition.version()));
            return true;
        }
        stored.filter(StoredConflict::active).ifPresent(this::unindex);
        if (change instanceof ConflictChange.Detection detection) {
            ConflictStatus before = stored.map(StoredConflict::status).orElse(null);
            ConflictStatus status = ConflictStatus.afterDetection(before, wasActive);
            // The timer of a conflict that stays detected runs on; a conflict opened again gets a new one.
            Instant due = wasActive && status == ConflictStatus.DETECTED ? stored.get().escalationDue() : null;
            if (due == null) {
                stored.ifPresent(this::cancelEscalation);
            }
            StoredConflict now = new StoredConflict(detection.event(), Presence.ACTIVE, detection.version(), status, due);
            write(now);
            index(now);
            if (!wasActive) {
                countActive(now.lastDetected(), +1);
            }
        } else {
            StoredConflict cleared = stored.orElseThrow(() -> new IllegalStateException(
                    "conflict " + change.conflictId() + " was never detected, so it cannot be cleared"));
            cancelEscalation(cleared);
            write(new StoredConflict(cleared.lastDetected(), Presence.CLEARED, change.version(),
                    ConflictStatus.afterClearance(cleared.status()), null));
            if (wasActive) {
                countActive(cleared.lastDetected(), -1);
            }
        }
        return true;
    }

    /** Sets when a detected conflict escalates by itself (SCH-015). */
    public void scheduleEscalation(ConflictId id, Instant due) {
        StoredConflict conflict = find(id).orElseThrow(() -> new IllegalStateException("conflict " + id + " is not stored"));
        cancelEscalation(conflict);
        write(conflict.withEscalationDue(due));
        escalations.put(escalationKey(due, id), Values.writer(FORMAT).toBytes());
    }

    /** When the earliest escalation of the partition is due; null when none is scheduled. */
    public @Nullable Instant firstEscalationDue() {
        Bytes first = escalations.firstKey();
        return first == null ? null : new OrderedKey.Reader(first).instant();
    }

    /** Detected conflicts whose escalation is due at {@code now}, earliest first, at most {@code limit}. */
    public List<StoredConflict> dueForEscalation(Instant now, int limit) {
        List<StoredConflict> due = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : escalations.range(OrderedKey.builder().millis(Long.MIN_VALUE).build(),
                OrderedKey.builder().instant(now).upperBound().build())) {
            if (due.size() == limit) {
                break;
            }
            OrderedKey.Reader key = new OrderedKey.Reader(row.key);
            key.millis();
            find(ConflictId.of(key.text())).ifPresent(due::add);
        }
        return due;
    }

    private void cancelEscalation(StoredConflict conflict) {
        if (conflict.escalationDue() != null) {
            escalations.delete(escalationKey(conflict.escalationDue(), conflict.id()));
        }
    }

    public Optional<StoredConflict> find(ConflictId id) {
        byte[] value = conflicts.get(key(id));
        return value == null ? Optional.empty() : Optional.of(decode(id, value));
    }

    /** Active conflicts of the calendar whose window overlaps {@code range}; windows that only touch it are left out. */
    public List<StoredConflict> activeOverlapping(CalendarId calendarId, TimeRange range) {
        CalendarRecord calendar = calendars.find(calendarId);
        if (calendar.activeConflicts() == 0) {
            return List.of();
        }
        long from = range.start().toEpochMilli();
        long earliestStart = OrderedKey.earlier(from, calendar.longestConflictMillis());
        List<KeyValue<Bytes, byte[]>> found = byCalendar.range(
                OrderedKey.builder().calendar(calendarId).millis(earliestStart).build(),
                OrderedKey.builder().calendar(calendarId).millis(range.end().toEpochMilli() - 1).upperBound().build());
        return endingAfter(found, from);
    }

    /** Active conflicts of the calendar that {@code entry} takes part in. */
    public List<StoredConflict> activeInvolving(CalendarId calendarId, EntryKey entry) {
        if (calendars.find(calendarId).activeConflicts() == 0) {
            return List.of();
        }
        List<StoredConflict> involving = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : byEntry.prefix(OrderedKey.builder().sizedEntry(entry).build())) {
            if (calendarId.value().equals(Values.reader(row.value, FORMAT).readString())) {
                OrderedKey.Reader key = new OrderedKey.Reader(row.key);
                key.sizedEntry();
                find(ConflictId.of(key.text())).ifPresent(involving::add);
            }
        }
        return involving;
    }

    /** Active conflicts of the resource whose window overlaps {@code range}; windows that only touch it are left out. */
    public List<StoredConflict> activeOverlapping(ResourceId resourceId, TimeRange range) {
        ResourceRecord resource = resources.find(resourceId);
        if (resource.activeConflicts() == 0) {
            return List.of();
        }
        long from = range.start().toEpochMilli();
        long earliestStart = OrderedKey.earlier(from, resource.longestConflictMillis());
        List<KeyValue<Bytes, byte[]>> found = byResource.range(
                OrderedKey.builder().resource(resourceId).millis(earliestStart).build(),
                OrderedKey.builder().resource(resourceId).millis(range.end().toEpochMilli() - 1).upperBound().build());
        return endingAfter(found, from);
    }

    /** Every active conflict of the resource. */
    public List<StoredConflict> active(ResourceId resourceId) {
        if (resources.find(resourceId).activeConflicts() == 0) {
            return List.of();
        }
        return endingAfter(byResource.prefix(OrderedKey.builder().resource(resourceId).build()), Long.MIN_VALUE);
    }

    public List<StoredConflict> active(CalendarId calendarId) {
        if (calendars.find(calendarId).activeConflicts() == 0) {
            return List.of();
        }
        return endingAfter(byCalendar.prefix(OrderedKey.builder().calendar(calendarId).build()), Long.MIN_VALUE);
    }

    /**
     * The conflicts of rows of a (scope, start, id) index whose window ends after {@code from}
     * ({@code Long.MIN_VALUE}: all of them); the calendar and resource indexes share the key's shape
     * and keep the window's end as the value.
     */
    private List<StoredConflict> endingAfter(List<KeyValue<Bytes, byte[]>> rows, long from) {
        List<StoredConflict> conflicts = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : rows) {
            if (Values.reader(row.value, FORMAT).readLong() > from) {
                OrderedKey.Reader key = new OrderedKey.Reader(row.key);
                key.sized();
                key.millis();
                find(ConflictId.of(key.text())).ifPresent(conflicts::add);
            }
        }
        return conflicts;
    }

    /** The conflicts with these ids, whatever their status. */
    public List<StoredConflict> withIds(Collection<ConflictId> ids) {
        List<StoredConflict> found = new ArrayList<>(ids.size());
        ids.forEach(id -> find(id).ifPresent(found::add));
        return found;
    }

    private void index(StoredConflict conflict) {
        ConflictDetected detected = conflict.lastDetected();
        if (detected.link() != null) {
            return;
        }
        if (detected.resourceId() != null) {
            byResource.put(resourceKey(detected.resourceId(), conflict), Values.writer(FORMAT).writeInstant(detected.end()).toBytes());
            resources.conflictLasting(detected.resourceId(), conflict.window().duration().toMillis());
            return;
        }
        byCalendar.put(calendarKey(conflict), Values.writer(FORMAT).writeInstant(detected.end()).toBytes());
        byte[] calendar = Values.writer(FORMAT).writeString(detected.calendarId().value()).toBytes();
        for (ConflictingEntry entry : detected.entries()) {
            byEntry.put(entryKey(entry, conflict.id()), calendar);
        }
        calendars.conflictLasting(detected.calendarId(), conflict.window().duration().toMillis());
    }

    private void unindex(StoredConflict conflict) {
        if (conflict.lastDetected().link() != null) {
            return;
        }
        ResourceId resourceId = conflict.lastDetected().resourceId();
        if (resourceId != null) {
            byResource.delete(resourceKey(resourceId, conflict));
            return;
        }
        byCalendar.delete(calendarKey(conflict));
        conflict.lastDetected().entries().forEach(entry -> byEntry.delete(entryKey(entry, conflict.id())));
    }

    private void countActive(ConflictDetected detected, int change) {
        if (detected.link() != null) {
            return;
        }
        if (detected.resourceId() != null) {
            resources.countActiveConflicts(detected.resourceId(), change);
        } else {
            calendars.countActiveConflicts(detected.calendarId(), change);
        }
    }

    private void write(StoredConflict conflict) {
        ConflictDetected detected = conflict.lastDetected();
        Values.Writer writer = Values.writer(detected.link() != null ? LINK_FORMAT : RESOURCE_FORMAT)
                .writeByte(conflict.active() ? ACTIVE : CLEARED)
                .writeLong(conflict.version())
                .writeString(detected.calendarId().value())
                .writeString(detected.type().name())
                .writeString(detected.level().name())
                .writeInstant(detected.start())
                .writeInstant(detected.end())
                .writeInt(detected.capacity())
                .writeInt(detected.peakConcurrency())
                .writeInt(detected.entries().size());
        for (ConflictingEntry entry : detected.entries()) {
            writer.writeString(entry.kind().name())
                    .writeString(entry.entryId())
                    .writeString(entry.title())
                    .writeInstant(entry.start())
                    .writeInstant(entry.end());
        }
        writer.writeString(conflict.status().name()).writeBoolean(conflict.escalationDue() != null);
        if (conflict.escalationDue() != null) {
            writer.writeInstant(conflict.escalationDue());
        }
        writer.writeBoolean(detected.resourceId() != null);
        if (detected.resourceId() != null) {
            writer.writeString(detected.resourceId().value()).writeString(String.valueOf(detected.resourceType()));
        }
        writer.writeInt(detected.bookings().size());
        for (ConflictBooking booking : detected.bookings()) {
            writer.writeString(booking.kind().name())
                    .writeString(booking.entryId())
                    .writeString(booking.calendarId().value())
                    .writeString(booking.role().name());
        }
        ConflictLink link = detected.link();
        if (link != null) {
            writer.writeString(link.primaryId().value())
                    .writeString(link.primaryCalendarId().value())
                    .writeString(link.followerId().value())
                    .writeString(link.followerCalendarId().value())
                    .writeLong(link.offsetSeconds())
                    .writeString(link.problem().name());
        }
        // The entries' rules last, only where one is an occurrence of a known rule: values written before end earlier.
        if (detected.entries().stream().anyMatch(entry -> entry.ruleId() != null)) {
            writer.writeInt(detected.entries().size());
            detected.entries().forEach(entry -> writer.writeString(entry.ruleId() == null ? "" : entry.ruleId()));
        }
        conflicts.put(key(conflict.id()), writer.toBytes());
    }

    /**
     * Reads every format: a conflict stored before the lifecycle existed is detected or cleared, without
     * a timer; one stored before resource conflicts existed is a calendar's.
     */
    private static StoredConflict decode(ConflictId id, byte[] value) {
        int format = Values.format(value);
        boolean lifecycle = format >= LIFECYCLE_FORMAT;
        Values.Reader reader = Values.reader(value, format);
        Presence presence = reader.readByte() == ACTIVE ? Presence.ACTIVE : Presence.CLEARED;
        long version = reader.readLong();
        CalendarId calendarId = CalendarId.of(reader.readString());
        ConflictType type = ConflictType.valueOf(reader.readString());
        ConflictLevel level = ConflictLevel.valueOf(reader.readString());
        Instant start = reader.readInstant();
        Instant end = reader.readInstant();
        int capacity = reader.readInt();
        int peak = reader.readInt();
        int count = reader.readInt();
        List<ConflictingEntry> entries = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            entries.add(new ConflictingEntry(ConflictEntryKind.valueOf(reader.readString()), reader.readString(), reader.readString(),
                    reader.readInstant(), reader.readInstant()));
        }
        if (!lifecycle) {
            return new StoredConflict(new ConflictDetected(id, calendarId, type, level, start, end, capacity, peak, entries),
                    presence, version);
        }
        ConflictStatus status = ConflictStatus.valueOf(reader.readString());
        Instant due = reader.readBoolean() ? reader.readInstant() : null;
        ResourceId resourceId = null;
        ResourceType resourceType = null;
        List<ConflictBooking> bookings = new ArrayList<>();
        if (format >= RESOURCE_FORMAT) {
            if (reader.readBoolean()) {
                resourceId = ResourceId.of(reader.readString());
                resourceType = ResourceType.valueOf(reader.readString());
            }
            int booked = reader.readInt();
            for (int index = 0; index < booked; index++) {
                bookings.add(new ConflictBooking(EntryKind.valueOf(reader.readString()), reader.readString(),
                        CalendarId.of(reader.readString()), ResourceRole.valueOf(reader.readString())));
            }
        }
        ConflictLink link = null;
        if (format >= LINK_FORMAT) {
            link = new ConflictLink(ItemId.of(reader.readString()), CalendarId.of(reader.readString()), ItemId.of(reader.readString()),
                    CalendarId.of(reader.readString()), reader.readLong(), LinkProblem.valueOf(reader.readString()));
        }
        if (!reader.atEnd()) {
            entries = withRules(entries, reader);
        }
        ConflictDetected detected = new ConflictDetected(id, calendarId, type, level, start, end, capacity, peak, entries,
                resourceId, resourceType, bookings, link);
        return new StoredConflict(detected, presence, version, status, due);
    }

    private static List<ConflictingEntry> withRules(List<ConflictingEntry> entries, Values.Reader reader) {
        int count = reader.readInt();
        List<ConflictingEntry> withRules = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            ConflictingEntry entry = entries.get(index);
            String ruleId = reader.readString();
            withRules.add(new ConflictingEntry(entry.kind(), entry.entryId(), entry.title(), entry.start(), entry.end(),
                    ruleId.isEmpty() ? null : ruleId));
        }
        return withRules;
    }

    private static Bytes key(ConflictId id) {
        return OrderedKey.builder().text(id.value()).build();
    }

    private static Bytes escalationKey(Instant due, ConflictId id) {
        return OrderedKey.builder().instant(due).text(id.value()).build();
    }

    private static Bytes calendarKey(StoredConflict conflict) {
        return OrderedKey.builder().calendar(conflict.lastDetected().calendarId()).instant(conflict.lastDetected().start())
                .text(conflict.id().value()).build();
    }

    private static Bytes resourceKey(ResourceId resourceId, StoredConflict conflict) {
        return OrderedKey.builder().resource(resourceId).instant(conflict.lastDetected().start()).text(conflict.id().value()).build();
    }

    private static Bytes entryKey(ConflictingEntry entry, ConflictId id) {
        return OrderedKey.builder().sizedEntry(new EntryKey(entry.kind() == ConflictEntryKind.ITEM ? EntryKind.ITEM : EntryKind.OCCURRENCE,
                entry.entryId())).text(id.value()).build();
    }
}
