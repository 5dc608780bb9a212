package dev.almanac.events.calendar;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;

/**
 * Who may do what on one calendar, folded from its events, and the one rule that reads it
 * (ADR 0027, ADR 0086). Every service that decides access (command-service for commands, conflict-detector
 * for the conflict lifecycle, query-service for every read) asks {@link #roleOf}, so they
 * cannot disagree.
 *
 * <ul>
 *   <li>An admin is manager of every calendar.</li>
 *   <li>A calendar owned by staff (a person) is managed by the user whose id is the owner's id.</li>
 *   <li>A user granted a role has that role.</li>
 *   <li>Everyone else has no role on it, and may not know it exists (ADR 0086); only in development mode
 *       ({@link UngrantedCalendars#OPEN}) is a calendar with no grants open, everyone else its scheduler.</li>
 * </ul>
 *
 * @param owner  the calendar's owner, as its definition now stands
 * @param grants the granted roles, by user
 */
public record CalendarAccess(@Nullable CalendarOwner owner, Map<UserId, CalendarRole> grants) {

    public static final CalendarAccess OPEN = new CalendarAccess(null, Map.of());

    public CalendarAccess {
        grants = Map.copyOf(grants);
    }

    /** The role {@code user} has on the calendar; empty when none, and then the calendar is hidden from them (ADR 0086). */
    public Optional<CalendarRole> roleOf(UserId user, boolean admin, UngrantedCalendars ungranted) {
        if (admin || ownedBy(user)) {
            return Optional.of(CalendarRole.MANAGER);
        }
        CalendarRole granted = grants.get(user);
        if (granted != null) {
            return Optional.of(granted);
        }
        return isOpenTo(ungranted) ? Optional.of(CalendarRole.SCHEDULER) : Optional.empty();
    }

    /** Whether {@code user} has {@code needed} or a role that includes it. */
    public boolean allows(UserId user, boolean admin, CalendarRole needed, UngrantedCalendars ungranted) {
        return roleOf(user, admin, ungranted).map(role -> role.includes(needed)).orElse(false);
    }

    /** Whether {@code user} may know the calendar exists: any role on it, free/busy included. */
    public boolean shows(UserId user, boolean admin, UngrantedCalendars ungranted) {
        return roleOf(user, admin, ungranted).isPresent();
    }

    /**
     * Whether {@code user} may read what is on the calendar in full: viewer or more. A free/busy grantee is shown the
     * calendar ({@link #shows}) but only when it is busy (ADR 0096).
     */
    public boolean showsDetails(UserId user, boolean admin, UngrantedCalendars ungranted) {
        return roleOf(user, admin, ungranted).map(CalendarRole::readsDetails).orElse(false);
    }

    /** No grants. */
    public boolean isOpen() {
        return grants.isEmpty();
    }

    /** No grants, and read in development mode: every user is a scheduler. */
    public boolean isOpenTo(UngrantedCalendars ungranted) {
        return ungranted == UngrantedCalendars.OPEN && grants.isEmpty();
    }

    public boolean ownedBy(UserId user) {
        return owner != null && owner.type() == OwnerType.STAFF && owner.id().equals(user.value());
    }

    public CalendarAccess withOwner(@Nullable CalendarOwner newOwner) {
        return new CalendarAccess(newOwner, grants);
    }

    public CalendarAccess granted(UserId user, CalendarRole role) {
        Map<UserId, CalendarRole> changed = new HashMap<>(grants);
        changed.put(user, role);
        return new CalendarAccess(owner, changed);
    }

    public CalendarAccess revoked(UserId user) {
        Map<UserId, CalendarRole> changed = new HashMap<>(grants);
        changed.remove(user);
        return new CalendarAccess(owner, changed);
    }

    /** The grants in the order of the users' ids, as a view lists them. */
    public Map<UserId, CalendarRole> grantsInOrder() {
        Map<UserId, CalendarRole> ordered = new TreeMap<>(Comparator.comparing(UserId::value));
        ordered.putAll(grants);
        return ordered;
    }
}
