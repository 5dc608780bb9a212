package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;

/**
 * What a caller may do, by the rules the commands apply: CalendarAccess's roles, command-service's creator-or-manager
 * rule for changing a rule (ADR 0062) and conflict-detector's manager of a calendar the conflict concerns.
 */
class CallerRolesTest {

    private static final UserId ALICE = UserId.of("alice");
    /** cal-closed has grants: alice schedules on it, mia manages it. */
    private static final Map<String, CalendarAccess> CLOSED = Map.of("cal-closed", new CalendarAccess(null,
            Map.of(ALICE, CalendarRole.SCHEDULER, UserId.of("mia"), CalendarRole.MANAGER)));

    @Test
    void anAdminManagesEveryCalendarAndChangesEveryRule() {
        CallerRoles admin = CallerRoles.admin();

        assertThat(admin.on("cal-any", null)).contains(CalendarRole.MANAGER);
        assertThat(admin.changesRule("cal-closed", "someone")).isTrue();
        assertThat(admin.managesAny(List.of("cal-any"))).isTrue();
    }

    @Test
    void onACalendarWithoutGrantsEveryUserSchedulesAndItsStaffOwnerManages() {
        CallerRoles alice = CallerRoles.of(ALICE, CLOSED);

        assertThat(alice.on("cal-open", null)).contains(CalendarRole.SCHEDULER);
        assertThat(alice.on("cal-open", new CalendarOwner("alice", OwnerType.STAFF))).contains(CalendarRole.MANAGER);
        assertThat(alice.changesRule("cal-open", "someone")).as("a queue without grants is open to everyone").isTrue();
        assertThat(alice.managesAny(List.of("cal-open"))).as("the owner is unknown where the access was not read").isFalse();
    }

    @Test
    void onACalendarWithGrantsARuleIsChangedByItsCreatorWhileASchedulerOrByAManager() {
        assertThat(CallerRoles.of(ALICE, CLOSED).changesRule("cal-closed", "alice")).isTrue();
        assertThat(CallerRoles.of(ALICE, CLOSED).changesRule("cal-closed", "bob")).isFalse();
        assertThat(CallerRoles.of(ALICE, CLOSED).changesRule("cal-closed", null)).as("a creator not recorded").isFalse();
        assertThat(CallerRoles.of(UserId.of("mia"), CLOSED).changesRule("cal-closed", "bob")).isTrue();
        assertThat(CallerRoles.of(UserId.of("carol"), CLOSED).changesRule("cal-closed", "carol"))
                .as("a creator who lost every role").isFalse();
    }

    @Test
    void aConflictIsManagedFromAnyOfItsCalendars() {
        CallerRoles mia = CallerRoles.of(UserId.of("mia"), CLOSED);

        assertThat(mia.managesAny(List.of("cal-open", "cal-closed"))).isTrue();
        assertThat(mia.managesAny(List.of("cal-open"))).isFalse();
        assertThat(CallerRoles.of(ALICE, CLOSED).managesAny(List.of("cal-closed"))).isFalse();
    }

    @Test
    void aTenantsAdminManagesTheirTenantsCalendarsAndNoOtherTenants() {
        Caller acmeAdmin = new Caller(UserId.of("acme:root"), true, UngrantedCalendars.CLOSED, Tenant.of("acme"), false);
        CallerRoles admin = CallerRoles.admin(acmeAdmin);

        assertThat(admin.on("acme:cal-any", null)).contains(CalendarRole.MANAGER);
        assertThat(admin.on("beta:cal-any", null)).isEmpty();
        assertThat(admin.changesRule("beta:cal-any", "acme:root")).isFalse();
        assertThat(admin.changesItem("beta:cal-any", null, null)).isFalse();
        assertThat(admin.managesAny(List.of("beta:cal-any"))).isFalse();
        assertThat(admin.managesAny(List.of("beta:cal-any", "acme:cal-any"))).isTrue();
        // Of a single-tenant deployment, as before tenants.
        assertThat(CallerRoles.admin(new Caller(UserId.of("root"), true))).isSameAs(CallerRoles.admin());
    }

    /**
     * Within a tenant only its own calendars are shown or hidden: another tenant's is in neither set and never shown, since
     * what counts across calendars reads the tenant's own read models and has nothing of it to take away (ADR 0102).
     */
    @Test
    void withinATenantAVisibilityShowsOrHidesOnlyThatTenantsCalendars() {
        CalendarVisibility everything = CalendarVisibility.withinTenant(Tenant.of("acme"), List.of("acme:a", "acme:b", "beta:a", "bare"),
                CalendarVisibility.EVERY_CALENDAR);
        assertThat(everything.shown()).containsExactly("acme:a", "acme:b");
        assertThat(everything.hidden()).isEmpty();
        assertThat(everything.shows("beta:a")).isFalse();
        assertThat(everything.shows("bare")).isFalse();
        assertThat(everything.shows("beta:created-since")).isFalse();
        assertThat(everything.showsEveryCalendar()).isFalse();
        assertThat(everything.knows("beta:rule")).isFalse();

        CalendarVisibility denied = CalendarVisibility.withinTenant(Tenant.of("acme"), List.of("acme:a", "acme:b", "beta:a", "beta:b"),
                CalendarVisibility.showingOnly(List.of("acme:b", "beta:a"), List.of("acme:a", "acme:old", "beta:b")));
        assertThat(denied.shown()).containsExactly("acme:b");
        assertThat(denied.hidden()).containsExactly("acme:a", "acme:old");
        assertThat(denied.shows("beta:a")).isFalse();
    }
}
