package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;

class ReconciliationTest {

    private static final CalendarProfile BALLROOM = new CalendarProfile(CalendarId.of("cal-ballroom"), CalendarType.VENUE, 1);
    private static final CalendarProfile HALL = new CalendarProfile(CalendarId.of("cal-hall"), CalendarType.MASTER, 2);

    private static final Entry REVIEW = item("review", "15:00", "16:00");
    private static final Entry GALA = item("gala", "15:30", "18:00");

    @Test
    void aNewBreachIsDetectedAtVersionZero() {
        Breach breach = breach(BALLROOM, REVIEW, GALA);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(breach), List.of());

        assertThat(changes).containsExactly(new ConflictChange.Detection(BALLROOM.describe(breach), 0));
    }

    @Test
    void aBreachThatIsStoredAsPublishedChangesNothing() {
        Breach breach = breach(BALLROOM, REVIEW, GALA);
        StoredConflict stored = new StoredConflict(BALLROOM.describe(breach), Presence.ACTIVE, 4);

        assertThat(Reconciliation.reconcile(BALLROOM, List.of(breach), List.of(stored))).isEmpty();
    }

    @Test
    void movingAnEntryWithinTheOverlapRedetectsTheConflictAtTheNextVersion() {
        Breach before = breach(BALLROOM, REVIEW, GALA);
        Breach after = breach(BALLROOM, item("review", "15:00", "17:00"), GALA);
        StoredConflict stored = new StoredConflict(BALLROOM.describe(before), Presence.ACTIVE, 0);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(after), List.of(stored));

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.version()).isEqualTo(1);
            assertThat(change.event()).isInstanceOfSatisfying(ConflictDetected.class, event -> {
                assertThat(event.start()).isEqualTo(slot("15:30", "17:00").start());
                assertThat(event.end()).isEqualTo(slot("15:30", "17:00").end());
            });
        });
    }

    @Test
    void anEntryThatMovesWithoutChangingTheWindowStillRedetectsBecauseItsTimesChanged() {
        Breach before = breach(BALLROOM, REVIEW, GALA);
        Breach after = breach(BALLROOM, item("review", "14:00", "16:00"), GALA);
        StoredConflict stored = new StoredConflict(BALLROOM.describe(before), Presence.ACTIVE, 2);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(after), List.of(stored));

        assertThat(after.window()).isEqualTo(before.window());
        assertThat(changes).containsExactly(new ConflictChange.Detection(BALLROOM.describe(after), 3));
    }

    @Test
    void aStoredConflictThatNoLongerHoldsIsClearedAtTheNextVersion() {
        StoredConflict stored = new StoredConflict(BALLROOM.describe(breach(BALLROOM, REVIEW, GALA)), Presence.ACTIVE, 1);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(), List.of(stored));

        assertThat(changes).containsExactly(new ConflictChange.Clearance(
                new ConflictCleared(stored.id(), BALLROOM.id(), "entries no longer overlap"), 2));
    }

    @Test
    void onALargerCalendarTheClearanceSaysTheCapacityIsNoLongerExceeded() {
        Breach three = breach(HALL, item("a", "09:00", "11:00"), item("b", "09:00", "11:00"), item("c", "10:00", "12:00"));
        StoredConflict stored = new StoredConflict(HALL.describe(three), Presence.ACTIVE, 0);

        List<ConflictChange> changes = Reconciliation.reconcile(HALL, List.of(), List.of(stored));

        assertThat(changes).singleElement().extracting(ConflictChange::event)
                .isInstanceOfSatisfying(ConflictCleared.class, cleared ->
                        assertThat(cleared.reason()).isEqualTo("entries no longer exceed the calendar's capacity of 2"));
    }

    @Test
    void aThirdEntryJoiningAClashReplacesItsConflictWithALargerOne() {
        Breach pair = breach(BALLROOM, REVIEW, GALA);
        Breach trio = breach(BALLROOM, REVIEW, GALA, item("rehearsal", "15:45", "16:30"));
        StoredConflict stored = new StoredConflict(BALLROOM.describe(pair), Presence.ACTIVE, 0);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(trio), List.of(stored));

        assertThat(changes).containsExactly(
                new ConflictChange.Clearance(new ConflictCleared(pair.id(), BALLROOM.id(),
                        "superseded by conflict " + trio.id() + ": the set of clashing entries changed"), 1),
                new ConflictChange.Detection(BALLROOM.describe(trio), 0));
    }

    @Test
    void aClearedConflictThatHoldsAgainIsDetectedAtTheNextVersion() {
        Breach breach = breach(BALLROOM, REVIEW, GALA);
        StoredConflict cleared = new StoredConflict(BALLROOM.describe(breach), Presence.CLEARED, 1);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(breach), List.of(cleared));

        assertThat(changes).containsExactly(new ConflictChange.Detection(BALLROOM.describe(breach), 2));
    }

    @Test
    void aClearedConflictThatStillDoesNotHoldStaysQuiet() {
        StoredConflict cleared = new StoredConflict(BALLROOM.describe(breach(BALLROOM, REVIEW, GALA)), Presence.CLEARED, 1);

        assertThat(Reconciliation.reconcile(BALLROOM, List.of(), List.of(cleared))).isEmpty();
    }

    @Test
    void aConflictKnownTwiceIsReconciledOnce() {
        Breach breach = breach(BALLROOM, REVIEW, GALA);
        StoredConflict stored = new StoredConflict(BALLROOM.describe(breach), Presence.ACTIVE, 0);

        assertThat(Reconciliation.reconcile(BALLROOM, List.of(), List.of(stored, stored))).hasSize(1);
    }

    @Test
    void clearancesComeFirstThenDetectionsInTheOrderOfTheirWindows() {
        Breach late = breach(BALLROOM, item("x", "20:00", "21:00"), item("y", "20:30", "21:30"));
        Breach early = breach(BALLROOM, item("p", "08:00", "09:00"), item("q", "08:30", "09:30"));
        StoredConflict gone = new StoredConflict(BALLROOM.describe(breach(BALLROOM, REVIEW, GALA)), Presence.ACTIVE, 0);

        List<ConflictChange> changes = Reconciliation.reconcile(BALLROOM, List.of(late, early), List.of(gone));

        assertThat(changes).extracting(ConflictChange::conflictId).containsExactly(gone.id(), early.id(), late.id());
    }

    private static Breach breach(CalendarProfile calendar, Entry... entries) {
        return CapacityBreaches.find(calendar.id(), calendar.capacity(), List.of(entries)).get(0);
    }
}
