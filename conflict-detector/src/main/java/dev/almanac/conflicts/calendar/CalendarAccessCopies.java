package dev.almanac.conflicts.calendar;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Every calendar's owner and grants, on every instance (ADR 0030): a global store that Kafka Streams
 * fills from {@value #TOPIC}, to which each calendar's task copies its calendar's access whenever it
 * changes. A resource's conflict and an orphaned link live on the partition of the resource or of the
 * primary, not on their calendars'; this copy is how their task learns who manages those calendars.
 *
 * <p>The topic is compacted by calendar id, so it holds one record per calendar that ever had an owner or a
 * grant, and the store is rebuilt from it, record by record through {@link #apply}, when an instance starts
 * without it. A record older than the one stored (the calendar's aggregate version) changes nothing.
 */
public final class CalendarAccessCopies {

    /** The global store. It has no changelog: {@value #TOPIC} is where it is restored from. */
    public static final String STORE = "calendar-access";
    /** conflict-detector's own compacted topic of each calendar's access, keyed by calendar id; internal, not a contract. */
    public static final String TOPIC = "conflict-detector-calendar-access";

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    private final KeyValueStore<Bytes, byte[]> store;

    public CalendarAccessCopies(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * One calendar's access as it travels and is kept: its owner and grants at the calendar's version.
     *
     * @param grants in the order of the users' ids
     */
    public record AccessRecord(CalendarId calendarId, long version, @Nullable CalendarOwner owner, List<Grant> grants) {

        public AccessRecord {
            grants = List.copyOf(grants);
        }

        public static AccessRecord of(CalendarStore.AccessChange change) {
            return new AccessRecord(change.calendarId(), change.version(), change.access().owner(),
                    change.access().grantsInOrder().entrySet().stream().map(grant -> new Grant(grant.getKey(), grant.getValue())).toList());
        }

        public CalendarAccess access() {
            Map<UserId, CalendarRole> roles = new HashMap<>();
            grants.forEach(grant -> roles.put(grant.userId(), grant.role()));
            return new CalendarAccess(owner, roles);
        }

        public String key() {
            return calendarId.value();
        }
    }

    /** One user's role on the calendar. */
    public record Grant(UserId userId, CalendarRole role) {
    }

    public static byte[] encode(AccessRecord access) {
        return JSON.writeValueAsBytes(access);
    }

    public static AccessRecord decode(byte[] value) {
        return JSON.readValue(value, AccessRecord.class);
    }

    /** The calendar's owner and grants as last copied here; a calendar never copied is open and has no owner. */
    public CalendarAccess of(CalendarId calendarId) {
        byte[] value = store.get(key(calendarId));
        return value == null ? CalendarAccess.OPEN : decode(value).access();
    }

    /**
     * Keeps {@code value}, the encoded {@code access}, unless a newer or equal version is kept.
     *
     * @return true if it was kept
     */
    public boolean apply(AccessRecord access, byte[] value) {
        Bytes key = key(access.calendarId());
        byte[] stored = store.get(key);
        if (stored != null && decode(stored).version() >= access.version()) {
            return false;
        }
        store.put(key, value);
        return true;
    }

    /** The calendars among {@code calendarIds} on which {@code actor} is a manager, in id order. */
    public List<CalendarId> managedBy(UserId actor, List<CalendarId> calendarIds) {
        return calendarIds.stream().distinct()
                .filter(calendar -> of(calendar).allows(actor, false, CalendarRole.MANAGER, UngrantedCalendars.CLOSED))
                .sorted(Comparator.comparing(CalendarId::value))
                .toList();
    }

    private static Bytes key(CalendarId calendarId) {
        return OrderedKey.builder().text(calendarId.value()).build();
    }
}
