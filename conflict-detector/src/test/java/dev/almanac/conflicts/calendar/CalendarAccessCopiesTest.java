package dev.almanac.conflicts.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.UngrantedCalendars;

/** ADR 0030: what a calendar's task copies of its access, and how the global copy keeps it. */
class CalendarAccessCopiesTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final CalendarId GARDEN = CalendarId.of("cal-garden");
    private static final UserId ALICE = UserId.of("alice");

    private CalendarAccessCopies copies;

    @BeforeEach
    void emptyGlobalStore() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CalendarAccessCopies.STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        copies = new CalendarAccessCopies(store);
    }

    @Test
    void aCopyOlderThanTheOneKeptChangesNothingAndACalendarNeverCopiedIsOpen() {
        keep(new CalendarAccessCopies.AccessRecord(BALLROOM, 3, null, List.of(new CalendarAccessCopies.Grant(ALICE, CalendarRole.MANAGER))));
        boolean older = keep(new CalendarAccessCopies.AccessRecord(BALLROOM, 2, null, List.of()));
        boolean same = keep(new CalendarAccessCopies.AccessRecord(BALLROOM, 3, null, List.of()));

        assertThat(older).isFalse();
        assertThat(same).isFalse();
        assertThat(copies.of(BALLROOM).roleOf(ALICE, false, UngrantedCalendars.CLOSED)).contains(CalendarRole.MANAGER);
        assertThat(copies.of(GARDEN)).isEqualTo(CalendarAccess.OPEN);
        assertThat(copies.managedBy(ALICE, List.of(GARDEN, BALLROOM, BALLROOM))).containsExactly(BALLROOM);

        keep(new CalendarAccessCopies.AccessRecord(BALLROOM, 4, null, List.of()));
        assertThat(copies.managedBy(ALICE, List.of(BALLROOM))).as("revoked at version 4").isEmpty();
    }

    @Test
    void theCalendarsTaskCopiesAnAccessThatChangedAndNothingElse() {
        PartitionState state = InMemoryState.fresh();
        CalendarStore calendars = state.calendars();
        CalendarProfile profile = new CalendarProfile(BALLROOM, CalendarType.STAFF, 1);

        calendars.save(profile, 0);
        assertThat(state.takeAccessChanges()).as("an open calendar without an owner").isEmpty();
        calendars.save(profile, new CalendarOwner("dana", OwnerType.STAFF), 1);
        calendars.saveAccess(BALLROOM, ALICE, CalendarRole.MANAGER, 2);
        calendars.saveAccess(BALLROOM, ALICE, CalendarRole.MANAGER, 2);
        List<CalendarStore.AccessChange> changes = state.takeAccessChanges();
        state.commit();

        assertThat(changes).as("the latest of the record's changes, once").singleElement().satisfies(change -> {
            assertThat(change.version()).isEqualTo(2);
            assertThat(change.access().ownedBy(UserId.of("dana"))).isTrue();
            assertThat(change.access().roleOf(ALICE, false, UngrantedCalendars.CLOSED)).contains(CalendarRole.MANAGER);
        });
        assertThat(CalendarAccessCopies.decode(CalendarAccessCopies.encode(CalendarAccessCopies.AccessRecord.of(changes.get(0)))).access())
                .isEqualTo(changes.get(0).access());

        calendars.save(profile, new CalendarOwner("dana", OwnerType.STAFF), 3);
        assertThat(state.takeAccessChanges()).as("a new capacity or name with the same owner and grants").isEmpty();
        state.commit();
        calendars.saveAccess(BALLROOM, ALICE, null, 4);
        state.discard();
        assertThat(state.takeAccessChanges()).as("a discarded record copies nothing").isEmpty();
        assertThat(calendars.restrictedAccess()).extracting(CalendarStore.AccessChange::calendarId, CalendarStore.AccessChange::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BALLROOM, 3L));
    }

    private boolean keep(CalendarAccessCopies.AccessRecord access) {
        return copies.apply(access, CalendarAccessCopies.encode(access));
    }
}
