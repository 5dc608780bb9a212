package dev.almanac.dispatch.notify;

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
 * its staff owner's, and the users granted manager. Admins manage every calendar too, but no fact names them.
 *
 * @param staffOwner the owner's id where the owner is staff (a person)
 * @param grants     the roles granted, by user id
 */
record CalendarContact(@Nullable String staffOwner, @Nullable String owner, Map<String, CalendarRole> grants) {

    static final CalendarContact NONE = new CalendarContact(null, null, Map.of());
    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    CalendarContact {
        grants = Map.copyOf(grants);
    }

    CalendarContact withOwner(@Nullable String newStaffOwner, @Nullable String newOwner) {
        return new CalendarContact(newStaffOwner, newOwner, grants);
    }

    CalendarContact granted(UserId user, CalendarRole role) {
        Map<String, CalendarRole> changed = new TreeMap<>(grants);
        changed.put(user.value(), role);
        return new CalendarContact(staffOwner, owner, changed);
    }

    CalendarContact revoked(UserId user) {
        Map<String, CalendarRole> changed = new TreeMap<>(grants);
        changed.remove(user.value());
        return new CalendarContact(staffOwner, owner, changed);
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
