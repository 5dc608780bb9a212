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

        assertThat(open.roleOf(BOB, false)).contains(CalendarRole.SCHEDULER);
        assertThat(open.allows(BOB, false, CalendarRole.MANAGER)).isFalse();
        assertThat(open.roleOf(BOB, true)).contains(CalendarRole.MANAGER);
        assertThat(open.withOwner(new CalendarOwner("bob", OwnerType.STAFF)).roleOf(BOB, false)).contains(CalendarRole.MANAGER);
    }

    @Test
    void onlyAPersonOwningTheCalendarManagesIt() {
        CalendarAccess venueOwned = CalendarAccess.OPEN.withOwner(new CalendarOwner("bob", OwnerType.VENUE));

        assertThat(venueOwned.roleOf(BOB, false)).contains(CalendarRole.SCHEDULER);
    }

    @Test
    void theFirstGrantClosesTheCalendarToEveryoneWithoutOne() {
        CalendarAccess granted = CalendarAccess.OPEN.granted(ALICE, CalendarRole.VIEWER);

        assertThat(granted.isOpen()).isFalse();
        assertThat(granted.roleOf(ALICE, false)).contains(CalendarRole.VIEWER);
        assertThat(granted.allows(ALICE, false, CalendarRole.SCHEDULER)).isFalse();
        assertThat(granted.roleOf(BOB, false)).isEmpty();
        assertThat(granted.roleOf(BOB, true)).contains(CalendarRole.MANAGER);
    }

    @Test
    void aNewGrantReplacesTheOldOneAndRevokingTheLastOpensTheCalendarAgain() {
        CalendarAccess upgraded = CalendarAccess.OPEN.granted(ALICE, CalendarRole.VIEWER).granted(ALICE, CalendarRole.MANAGER);

        assertThat(upgraded.grants()).containsOnlyKeys(ALICE);
        assertThat(upgraded.roleOf(ALICE, false)).contains(CalendarRole.MANAGER);
        assertThat(upgraded.revoked(ALICE).isOpen()).isTrue();
        assertThat(upgraded.revoked(ALICE).roleOf(BOB, false)).contains(CalendarRole.SCHEDULER);
    }

    @Test
    void eachRoleIncludesTheOnesBeforeIt() {
        assertThat(CalendarRole.MANAGER.includes(CalendarRole.SCHEDULER)).isTrue();
        assertThat(CalendarRole.SCHEDULER.includes(CalendarRole.VIEWER)).isTrue();
        assertThat(CalendarRole.VIEWER.includes(CalendarRole.SCHEDULER)).isFalse();
    }
}
