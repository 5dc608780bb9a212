package dev.almanac.conflicts.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.CalendarType;

class CalendarStoreTest {

    private static final CalendarProfile BALLROOM = new CalendarProfile(CalendarId.of("cal-ballroom"), CalendarType.VENUE, 1);

    private PartitionState state;
    private CalendarStore calendars;

    @BeforeEach
    void freshStore() {
        state = InMemoryState.fresh();
        calendars = state.calendars();
    }

    /** ADR 0102: a tenant's calendars (and resources) are one range of keys, and the prefix ends at its ':', so acme-two's are not acme's. */
    @Test
    void knowsATenantsCalendarsAndResourcesAsTheRangeOfItsPrefixAndEveryOneWithoutATenant() {
        for (String id : List.of("acme:hall", "acme-two:annex", "cal-lobby", "globex:ballroom", "acme:garden", "acme", "acmez:x")) {
            calendars.save(new CalendarProfile(CalendarId.of(id), CalendarType.VENUE, 1), 0);
        }
        state.commit();
        calendars.save(new CalendarProfile(CalendarId.of("acme:staged"), CalendarType.VENUE, 1), 0);

        assertThat(calendars.knownIds(Tenant.of("acme"))).extracting(CalendarId::value)
                .containsExactly("acme:garden", "acme:hall", "acme:staged");
        assertThat(calendars.knownIds(Tenant.of("globex"))).extracting(CalendarId::value).containsExactly("globex:ballroom");
        assertThat(calendars.knownIds(Tenant.of("initech"))).isEmpty();
        assertThat(calendars.knownIds(null)).hasSize(8).isEqualTo(calendars.knownIds());
        for (String id : List.of("globex:projector", "acme:projector", "res-screen")) {
            state.resources().save(new ResourceProfile(ResourceId.of(id), ResourceType.EQUIPMENT), 0);
        }
        assertThat(state.resources().knownIds(Tenant.of("acme"))).extracting(ResourceId::value).containsExactly("acme:projector");
        assertThat(state.resources().knownIds(null)).hasSize(3);
    }

    @Test
    void keepsTheCapacityAndTypeOfACreatedCalendar() {
        calendars.save(BALLROOM, 0);
        state.commit();

        assertThat(calendars.profile(BALLROOM.id())).contains(BALLROOM);
    }

    @Test
    void ignoresAnOlderVersionOfACalendar() {
        calendars.save(BALLROOM, 2);

        boolean applied = calendars.save(new CalendarProfile(BALLROOM.id(), CalendarType.STAFF, 5), 1);

        assertThat(applied).isFalse();
        assertThat(calendars.profile(BALLROOM.id())).contains(BALLROOM);
    }

    @Test
    void keepsTheOwnerAndGrantsAcrossCommitsAndIgnoresAnOlderGrant() {
        calendars.save(BALLROOM, new CalendarOwner("dana", OwnerType.STAFF), 0);
        calendars.saveAccess(BALLROOM.id(), UserId.of("alice"), CalendarRole.MANAGER, 1);
        calendars.saveAccess(BALLROOM.id(), UserId.of("bob"), CalendarRole.VIEWER, 2);
        calendars.saveAccess(BALLROOM.id(), UserId.of("bob"), null, 3);
        boolean older = calendars.saveAccess(BALLROOM.id(), UserId.of("carol"), CalendarRole.MANAGER, 3);
        state.commit();
        calendars.forget();

        CalendarRecord stored = calendars.find(BALLROOM.id());
        assertThat(older).isFalse();
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.profile()).isEqualTo(BALLROOM);
        assertThat(stored.access()).isEqualTo(new CalendarAccess(new CalendarOwner("dana", OwnerType.STAFF),
                Map.of(UserId.of("alice"), CalendarRole.MANAGER)));
    }

    @Test
    void anUnknownCalendarIsNotFound() {
        assertThat(calendars.profile(CalendarId.of("cal-unknown"))).isEmpty();
        assertThat(calendars.find(CalendarId.of("cal-unknown"))).isEqualTo(CalendarRecord.UNKNOWN);
    }

    @Test
    void readsAreRememberedUntilTheRecordIsCommittedAndStagedWritesAreSeen() {
        calendars.save(BALLROOM, 0);
        calendars.countActiveConflicts(BALLROOM.id(), +1);

        assertThat(calendars.find(BALLROOM.id()).activeConflicts()).isEqualTo(1);
        state.discard();

        assertThat(calendars.find(BALLROOM.id())).isEqualTo(CalendarRecord.UNKNOWN);
    }

    @Test
    void extentsGrowBeforeTheCalendarIsKnownAndSurviveItsCreation() {
        calendars.entryLasting(BALLROOM.id(), 3_600_000);
        calendars.entryLasting(BALLROOM.id(), 1_800_000);
        calendars.conflictLasting(BALLROOM.id(), 900_000);

        calendars.save(BALLROOM, 0);

        assertThat(calendars.find(BALLROOM.id())).isEqualTo(new CalendarRecord(BALLROOM, 0, 3_600_000, 900_000, 0));
    }
}
