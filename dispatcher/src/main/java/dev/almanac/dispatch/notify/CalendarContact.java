package dev.almanac.dispatch.notify;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Who manages a calendar, folded from its events as {@code CalendarAccess} reads them (ADR 0027): the user whose id is
 * its staff owner's, and the users granted manager; and its name and zone, in which notifications tell of it. Admins
 * manage every calendar too, but no fact names them.
 *
 * @param staffOwner the owner's id where the owner is staff (a person)
 * @param name       its name, as people know it; absent for a contact stored before names were kept
 * @param zone       its IANA zone, in which times are told; absent as the name
 * @param grants     the roles granted, by user id
 */
record CalendarContact(@Nullable String staffOwner, @Nullable String owner, @Nullable String name, @Nullable String zone,
                       Map<String, CalendarRole> grants) {

    static final CalendarContact NONE = new CalendarContact(null, null, null, null, Map.of());
    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    CalendarContact {
        grants = Map.copyOf(grants);
    }

    CalendarContact described(@Nullable String newStaffOwner, @Nullable String newOwner, String newName, ZoneId newZone) {
        return new CalendarContact(newStaffOwner, newOwner, newName, newZone.getId(), grants);
    }

    /** The calendar as a person reads it: its name, else its id. */
    String label(String calendarId) {
        return name == null || name.isBlank() ? calendarId : name;
    }

    /** The zone its times are told in: its own, else UTC. */
    ZoneId zoneId() {
        return ZoneId.of(zone == null ? "UTC" : zone);
    }

    CalendarContact granted(UserId user, CalendarRole role) {
        Map<String, CalendarRole> changed = new TreeMap<>(grants);
        changed.put(user.value(), role);
        return new CalendarContact(staffOwner, owner, name, zone, changed);
    }

    CalendarContact revoked(UserId user) {
        Map<String, CalendarRole> changed = new TreeMap<>(grants);
        changed.remove(user.value());
        return new CalendarContact(staffOwner, owner, name, zone, changed);
    }

    /** The managers, the staff owner first, then the granted managers in the order of their ids. */
    Set<UserId> managers() {
        Set<UserId> managers = new LinkedHashSet<>();
        Recipients.addIfUser(managers, staffOwner);
        new TreeMap<>(grants).forEach((user, role) -> {
            if (role == CalendarRole.MANAGER) {
                Recipients.addIfUser(managers, user);
            }
        });
        return managers;
    }

    byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    static CalendarContact fromJson(byte[] json) {
        return JSON.readValue(json, CalendarContact.class);
    }
}
