package dev.almanac.platform.identity;

import java.util.Optional;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;

/**
 * The user a request acts as, and whether they are an admin (SCH-ROLES' admin: manager of every
 * calendar). Calendar roles are not here: they belong to each calendar ({@code CalendarAccess}).
 * {@code ungranted} is what a calendar without grants lets them do, which the identity mode decides: nothing in JWT
 * mode (deny by default), a scheduler's work in development mode (ADR 0086).
 */
public record Caller(UserId id, boolean admin, UngrantedCalendars ungranted) {

    /** A caller denied by default: how every JWT-mode request acts. */
    public Caller(UserId id, boolean admin) {
        this(id, admin, UngrantedCalendars.CLOSED);
    }

    /** The wire form, as events record the actor. */
    public String actor() {
        return id.value();
    }

    /** The caller's role on a calendar with {@code access}; empty when none, and then the calendar is hidden from them. */
    public Optional<CalendarRole> roleOn(CalendarAccess access) {
        return access.roleOf(id, admin, ungranted);
    }

    /** Whether the caller holds {@code needed}, or a role that includes it, on a calendar with {@code access}. */
    public boolean holds(CalendarRole needed, CalendarAccess access) {
        return access.allows(id, admin, needed, ungranted);
    }

    /** Whether the caller may know that a calendar with {@code access} exists: any role on it (ADR 0086). */
    public boolean sees(CalendarAccess access) {
        return access.shows(id, admin, ungranted);
    }

    /** Whether the caller may read what is on a calendar with {@code access} in full, not only when it is busy (ADR 0096). */
    public boolean readsDetails(CalendarAccess access) {
        return access.showsDetails(id, admin, ungranted);
    }
}
