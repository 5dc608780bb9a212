package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;

/** The conflict store's writes and the queries reconciliation needs, over the index layouts. */
class ConflictStoreTest {

    private static final CalendarProfile BALLROOM = new CalendarProfile(CalendarId.of("cal-ballroom"), CalendarType.VENUE, 1);
    private static final CalendarProfile ANNEX = new CalendarProfile(CalendarId.of("cal-annex"), CalendarType.STAFF, 1);

    private PartitionState state;
    private ConflictStore conflicts;

    @BeforeEach
    void freshStore() {
        state = InMemoryState.fresh();
        conflicts = state.conflicts();
    }

    @Test
    void aRecordedDetectionReadsBackAsPublished() {
        ConflictDetected detected = detected(BALLROOM, item("review", "15:00", "16:00"), occurrence("nightly", "15:30", "15:45"));

        boolean applied = record(new ConflictChange.Detection(detected, 0));

        assertThat(applied).isTrue();
        assertThat(conflicts.active(BALLROOM.id())).containsExactly(new StoredConflict(detected, Presence.ACTIVE, 0));
    }

    @Test
    void recordingTheSameVersionAgainChangesNothing() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(detected, 0));

        boolean again = record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "late"), 0));

        assertThat(again).isFalse();
        assertThat(conflicts.active(BALLROOM.id())).hasSize(1);
    }

    @Test
    void findsActiveConflictsWhoseWindowOverlapsARange() {
        ConflictDetected morning = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        ConflictDetected noon = detected(BALLROOM, item("c", "11:00", "13:00"), item("d", "12:00", "13:00"));
        ConflictDetected elsewhere = detected(ANNEX, item("e", "09:00", "13:00"), item("f", "09:00", "13:00"));
        record(new ConflictChange.Detection(morning, 0));
        record(new ConflictChange.Detection(noon, 0));
        record(new ConflictChange.Detection(elsewhere, 0));

        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("09:45", "12:00")))
                .extracting(StoredConflict::lastDetected).containsExactly(morning);
        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("10:00", "12:00")))
                .as("windows that only touch the range").isEmpty();
        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("09:59", "12:01")))
                .extracting(StoredConflict::lastDetected).containsExactlyInAnyOrder(morning, noon);
    }

    @Test
    void aLongConflictThatStartedWellBeforeTheRangeStillOverlapsIt() {
        ConflictDetected allDay = detected(BALLROOM, item("a", "01:00", "23:00"), item("b", "01:00", "23:00"));
        record(new ConflictChange.Detection(allDay, 0));

        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("20:00", "21:00")))
                .extracting(StoredConflict::lastDetected).containsExactly(allDay);
    }

    @Test
    void findsActiveConflictsByAnEntryTheyInvolve() {
        ConflictDetected withReview = detected(BALLROOM, item("review", "09:00", "10:00"), item("b", "09:30", "10:30"));
        ConflictDetected withoutReview = detected(BALLROOM, item("c", "11:00", "12:00"), item("d", "11:00", "12:00"));
        ConflictDetected occurrenceNamedReview = detected(BALLROOM, occurrence("review", "14:00", "15:00"),
                item("e", "14:00", "15:00"));
        record(new ConflictChange.Detection(withReview, 0));
        record(new ConflictChange.Detection(withoutReview, 0));
        record(new ConflictChange.Detection(occurrenceNamedReview, 0));

        assertThat(conflicts.activeInvolving(BALLROOM.id(), EntryKey.item("review")))
                .extracting(StoredConflict::lastDetected).containsExactly(withReview);
        assertThat(conflicts.activeInvolving(ANNEX.id(), EntryKey.item("review"))).isEmpty();
    }

    @Test
    void aClearedConflictIsNoLongerActiveButStillKnownById() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(detected, 0));

        record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "entries no longer overlap"), 1));

        assertThat(conflicts.active(BALLROOM.id())).isEmpty();
        assertThat(conflicts.activeInvolving(BALLROOM.id(), EntryKey.item("a"))).isEmpty();
        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("09:00", "11:00"))).isEmpty();
        assertThat(conflicts.withIds(List.of(detected.conflictId())))
                .containsExactly(new StoredConflict(detected, Presence.CLEARED, 1));
    }

    @Test
    void aRedetectionWithAnotherWindowAndEntriesMovesItsIndexRows() {
        ConflictDetected before = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(before, 0));
        ConflictDetected after = new ConflictDetected(before.conflictId(), before.calendarId(), before.type(), before.level(),
                slot("13:00", "14:00").start(), slot("13:00", "14:00").end(), 1, 2, List.of(
                        item("a", "13:00", "14:00").asConflicting(), item("c", "13:00", "14:00").asConflicting()));

        record(new ConflictChange.Detection(after, 1));

        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("09:00", "10:30"))).isEmpty();
        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("13:30", "13:45"))).extracting(StoredConflict::version)
                .containsExactly(1L);
        assertThat(conflicts.activeInvolving(BALLROOM.id(), EntryKey.item("b"))).isEmpty();
        assertThat(conflicts.activeInvolving(BALLROOM.id(), EntryKey.item("c"))).hasSize(1);
    }

    @Test
    void aConflictDetectedAgainAfterItsClearanceIsActiveOnceMore() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(detected, 0));
        record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "entries no longer overlap"), 1));

        record(new ConflictChange.Detection(detected, 2));

        assertThat(conflicts.active(BALLROOM.id())).containsExactly(new StoredConflict(detected, Presence.ACTIVE, 2));
    }

    @Test
    void theCalendarCountsItsActiveConflictsThroughDetectionRedetectionAndClearance() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        ConflictDetected other = detected(BALLROOM, item("c", "11:00", "12:00"), item("d", "11:00", "12:00"));

        record(new ConflictChange.Detection(detected, 0));
        record(new ConflictChange.Detection(other, 0));
        record(new ConflictChange.Detection(detected, 1));
        assertThat(state.calendars().find(BALLROOM.id()).activeConflicts()).isEqualTo(2);

        record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "gone"), 2));
        record(new ConflictChange.Clearance(new ConflictCleared(other.conflictId(), BALLROOM.id(), "gone"), 1));

        assertThat(state.calendars().find(BALLROOM.id()).activeConflicts()).isZero();
        assertThat(state.calendars().find(ANNEX.id()).activeConflicts()).isZero();
    }

    private boolean record(ConflictChange change) {
        boolean applied = conflicts.record(change);
        state.commit();
        return applied;
    }

    private static ConflictDetected detected(CalendarProfile calendar, Entry... entries) {
        return calendar.describe(CapacityBreaches.find(calendar.id(), calendar.capacity(), List.of(entries)).get(0));
    }
}
