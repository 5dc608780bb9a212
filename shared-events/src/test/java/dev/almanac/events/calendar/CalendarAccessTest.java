package dev.almanac.events.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.almanac.events.UserId;

class CalendarAccessTest {

    private static final UserId ALICE = UserId.of("alice@example.com");
    private static final UserId BOB = UserId.of("bob");

    @Test
    void aCalendarWithoutGrantsIsOpenToSchedulersButManagedOnlyByAdminsAndItsOwner() {
        CalendarAccess open = CalendarAccess.OPEN;

        assertThat(open.roleOf(BOB, false, UngrantedCalendars.OPEN)).contains(CalendarRole.SCHEDULER);
        assertThat(open.allows(BOB, false, CalendarRole.MANAGER, UngrantedCalendars.OPEN)).isFalse();
        assertThat(open.roleOf(BOB, true, UngrantedCalendars.OPEN)).contains(CalendarRole.MANAGER);
        assertThat(open.withOwner(new CalendarOwner("bob", OwnerType.STAFF)).roleOf(BOB, false, UngrantedCalendars.OPEN)).contains(CalendarRole.MANAGER);
    }

    @Test
    void onlyAPersonOwningTheCalendarManagesIt() {
        CalendarAccess venueOwned = CalendarAccess.OPEN.withOwner(new CalendarOwner("bob", OwnerType.VENUE));

        assertThat(venueOwned.roleOf(BOB, false, UngrantedCalendars.OPEN)).contains(CalendarRole.SCHEDULER);
    }

    @Test
    void theFirstGrantClosesTheCalendarToEveryoneWithoutOne() {
        CalendarAccess granted = CalendarAccess.OPEN.granted(ALICE, CalendarRole.VIEWER);

        assertThat(granted.isOpen()).isFalse();
        assertThat(granted.roleOf(ALICE, false, UngrantedCalendars.OPEN)).contains(CalendarRole.VIEWER);
        assertThat(granted.allows(ALICE, false, CalendarRole.SCHEDULER, UngrantedCalendars.OPEN)).isFalse();
        assertThat(granted.roleOf(BOB, false, UngrantedCalendars.OPEN)).isEmpty();
        assertThat(granted.roleOf(BOB, true, UngrantedCalendars.OPEN)).contains(CalendarRole.MANAGER);
    }

    @Test
    void aNewGrantReplacesTheOldOneAndRevokingTheLastOpensTheCalendarAgain() {
        CalendarAccess upgraded = CalendarAccess.OPEN.granted(ALICE, CalendarRole.VIEWER).granted(ALICE, CalendarRole.MANAGER);

        assertThat(upgraded.grants()).containsOnlyKeys(ALICE);
        assertThat(upgraded.roleOf(ALICE, false, UngrantedCalendars.OPEN)).contains(CalendarRole.MANAGER);
        assertThat(upgraded.revoked(ALICE).isOpen()).isTrue();
        assertThat(upgraded.revoked(ALICE).roleOf(BOB, false, UngrantedCalendars.OPEN)).contains(CalendarRole.SCHEDULER);
    }

    @Test
    void deniedByDefaultACalendarWithoutGrantsIsItsOwnersAndTheAdminsAlone() {
        CalendarAccess ungranted = CalendarAccess.OPEN;

        assertThat(ungranted.roleOf(BOB, false, UngrantedCalendars.CLOSED)).isEmpty();
        assertThat(ungranted.shows(BOB, false, UngrantedCalendars.CLOSED)).isFalse();
        assertThat(ungranted.roleOf(BOB, true, UngrantedCalendars.CLOSED)).contains(CalendarRole.MANAGER);
        assertThat(ungranted.withOwner(new CalendarOwner("bob", OwnerType.STAFF)).roleOf(BOB, false, UngrantedCalendars.CLOSED))
                .contains(CalendarRole.MANAGER);
        assertThat(ungranted.granted(ALICE, CalendarRole.VIEWER).roleOf(ALICE, false, UngrantedCalendars.CLOSED)).contains(CalendarRole.VIEWER);
        assertThat(ungranted.isOpenTo(UngrantedCalendars.CLOSED)).isFalse();
    }

    @Test
    void eachRoleIncludesTheOnesBeforeIt() {
        assertThat(CalendarRole.MANAGER.includes(CalendarRole.SCHEDULER)).isTrue();
        assertThat(CalendarRole.SCHEDULER.includes(CalendarRole.VIEWER)).isTrue();
        assertThat(CalendarRole.VIEWER.includes(CalendarRole.SCHEDULER)).isFalse();
        assertThat(CalendarRole.VIEWER.includes(CalendarRole.FREEBUSY)).isTrue();
        assertThat(CalendarRole.FREEBUSY.includes(CalendarRole.VIEWER)).isFalse();
    }

    /** ADR 0096: a free/busy grantee knows the calendar exists and when it is busy, and reads nothing on it in full. */
    @Test
    void aFreeBusyGranteeIsShownTheCalendarButNotWhatIsOnIt() {
        CalendarAccess granted = CalendarAccess.OPEN.granted(ALICE, CalendarRole.FREEBUSY).granted(BOB, CalendarRole.VIEWER);

        assertThat(granted.shows(ALICE, false, UngrantedCalendars.CLOSED)).isTrue();
        assertThat(granted.showsDetails(ALICE, false, UngrantedCalendars.CLOSED)).isFalse();
        assertThat(granted.allows(ALICE, false, CalendarRole.VIEWER, UngrantedCalendars.CLOSED)).isFalse();
        assertThat(granted.showsDetails(BOB, false, UngrantedCalendars.CLOSED)).isTrue();
        assertThat(granted.showsDetails(ALICE, true, UngrantedCalendars.CLOSED)).isTrue();
        assertThat(CalendarRole.ofWire("freebusy")).isEqualTo(CalendarRole.FREEBUSY);
        assertThat(CalendarRole.FREEBUSY.wireName()).isEqualTo("freebusy");
    }
}
