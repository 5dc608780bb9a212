package dev.almanac.query.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;

/**
 * What one caller may do on calendars, by the rules the commands apply ({@link CalendarAccess#roleOf}), so that a read
 * offers only the commands the caller would not be refused (UI-IDENTITY). The calendars whose access was read are
 * known with their owner; any other has no grants, and its owner counts only where the read passes it.
 */
public final class CallerRoles {

    private static final CallerRoles ADMIN = new CallerRoles(null, Map.of(), null);

    /** Null for an admin, or a request without a caller: manager of every calendar (of {@code tenant}'s). */
    private final @Nullable Caller caller;
    private final Map<String, CalendarAccess> accesses;
    /** In multi-tenant mode the caller's tenant: no role on any calendar of another, admins included (ADR 0102). */
    private final @Nullable Tenant tenant;

    private CallerRoles(@Nullable Caller caller, Map<String, CalendarAccess> accesses, @Nullable Tenant tenant) {
        this.caller = caller;
        this.accesses = Map.copyOf(accesses);
        this.tenant = tenant;
    }

    /** An admin's: manager of every calendar. */
    public static CallerRoles admin() {
        return ADMIN;
    }

    /** {@code admin}'s, an admin or no caller at all: manager of every calendar, in multi-tenant mode of their tenant's only. */
    public static CallerRoles admin(@Nullable Caller admin) {
        return admin == null || admin.tenant() == null ? ADMIN : new CallerRoles(null, Map.of(), admin.tenant());
    }

    /** {@code caller}'s, who is no admin, with the access of the calendars read; any other calendar has no grants. */
    public static CallerRoles of(Caller caller, Map<String, CalendarAccess> accesses) {
        return new CallerRoles(caller, accesses, caller.tenant());
    }

    /** {@code user}'s, in development mode, who is no admin, with the access of the calendars read. */
    public static CallerRoles of(UserId user, Map<String, CalendarAccess> accesses) {
        return new CallerRoles(new Caller(user, false, UngrantedCalendars.OPEN), accesses, null);
    }

    /** The caller's role on a calendar; empty where they have none. */
    public Optional<CalendarRole> on(String calendarId, @Nullable CalendarOwner owner) {
        if (!ofTenant(calendarId)) {
            return Optional.empty();
        }
        return caller == null ? Optional.of(CalendarRole.MANAGER) : caller.roleOn(accessOf(calendarId, owner));
    }

    /** Whether the caller holds {@code needed}, or a role that includes it, on a calendar. */
    public boolean holds(CalendarRole needed, String calendarId, @Nullable CalendarOwner owner) {
        return on(calendarId, owner).map(role -> role.includes(needed)).orElse(false);
    }

    /**
     * Whether the caller may change a rule on {@code queue} that {@code creator} created (ADR 0062, as command-service's
     * {@code Rule.requireChangeableBy} decides): on a queue without grants every scheduler, else its creator while a
     * scheduler there, and anyone else only as the queue's manager.
     */
    public boolean changesRule(@Nullable String queue, @Nullable String creator) {
        if (queue != null && !ofTenant(queue)) {
            return false;
        }
        if (caller == null) {
            return true;
        }
        if (queue == null) {
            return false;
        }
        CalendarAccess access = accessOf(queue, null);
        CalendarRole needed = access.isOpenTo(caller.ungranted()) || caller.actor().equals(creator) ? CalendarRole.SCHEDULER
                : CalendarRole.MANAGER;
        return caller.holds(needed, access);
    }

    /**
     * Whether the caller may change an item on {@code calendarId} that {@code itemOwner} owns (ADR 0090, as command-service's
     * {@code ItemRoles.requireOwnerOrManager} decides): its owner while a scheduler there, anyone else only as the
     * calendar's manager; an item without an owner, or on a calendar open to every scheduler, is every scheduler's.
     */
    public boolean changesItem(String calendarId, @Nullable CalendarOwner calendarOwner, @Nullable String itemOwner) {
        if (!ofTenant(calendarId)) {
            return false;
        }
        if (caller == null) {
            return true;
        }
        CalendarAccess access = accessOf(calendarId, calendarOwner);
        CalendarRole needed = itemOwner == null || caller.actor().equals(itemOwner) || access.isOpenTo(caller.ungranted())
                ? CalendarRole.SCHEDULER : CalendarRole.MANAGER;
        return caller.holds(needed, access);
    }

    /** Whether the caller is {@code userId}; an admin is no one in particular. */
    public boolean isCaller(@Nullable String userId) {
        return caller != null && caller.actor().equals(userId);
    }

    /** Whether the caller manages at least one of {@code calendarIds}, as conflict-detector asks of a resource's or a link's conflict. */
    public boolean managesAny(Collection<String> calendarIds) {
        return caller == null && tenant == null || calendarIds.stream().anyMatch(calendarId -> holds(CalendarRole.MANAGER, calendarId, null));
    }

    private boolean ofTenant(String calendarId) {
        return tenant == null || tenant.owns(calendarId);
    }

    private CalendarAccess accessOf(String calendarId, @Nullable CalendarOwner owner) {
        CalendarAccess read = accesses.get(calendarId);
        return read != null ? read : new CalendarAccess(owner, Map.of());
    }
}
