package dev.almanac.platform.identity;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;

/**
 * The user a request acts as, and whether they are an admin (SCH-ROLES' admin: manager of every
 * calendar). Calendar roles are not here: they belong to each calendar ({@code CalendarAccess}).
 * {@code ungranted} is what a calendar without grants lets them do, which the identity mode decides: nothing in JWT
 * mode (deny by default), a scheduler's work in development mode (ADR 0086).
 * {@code tenant} is the tenant the request acts in, and null in single-tenant mode (ADR 0102): the caller then knows
 * only ids that begin with it ({@link #mayKnow}), and {@code admin} makes them manager of their tenant's calendars only.
 * A {@code platformAdmin} chose that tenant for this request, as support does, and is its admin.
 */
public record Caller(UserId id, boolean admin, UngrantedCalendars ungranted, @Nullable Tenant tenant, boolean platformAdmin) {

    /** A caller denied by default: how every JWT-mode request acts. */
    public Caller(UserId id, boolean admin) {
        this(id, admin, UngrantedCalendars.CLOSED);
    }

    /** A caller of a single-tenant deployment. */
    public Caller(UserId id, boolean admin, UngrantedCalendars ungranted) {
        this(id, admin, ungranted, null, false);
    }

    public Caller {
        if (platformAdmin && (tenant == null || !admin)) {
            throw new IllegalArgumentException("a platform admin acts as the admin of the one tenant the request names");
        }
    }

    /**
     * Whether the caller may know of anything with {@code id} (a calendar, an item, a rule, a resource, a user): always
     * in single-tenant mode; in multi-tenant mode only when the id is of the caller's tenant. Checked before any other
     * rule, and answered as an id that does not exist when not (ADR 0086, ADR 0102).
     */
    public boolean mayKnow(String id) {
        return tenant == null || tenant.owns(id);
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
