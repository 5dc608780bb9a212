package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ResolutionMethod;

/** How detection, clearance and the commands fold into a conflict's status, and the SCH-015 clock kept as data. */
class ConflictLifecycleStoreTest {

    private static final CalendarProfile BALLROOM = new CalendarProfile(CalendarId.of("cal-ballroom"), CalendarType.VENUE, 1);
    private static final CalendarProfile STUDIO = new CalendarProfile(CalendarId.of("cal-studio"), CalendarType.STAFF, 1);
    private static final Instant DETECTED_AT = Instant.parse("2026-11-21T10:00:00Z");

    private PartitionState state;
    private ConflictStore conflicts;

    @BeforeEach
    void freshStore() {
        state = InMemoryState.fresh();
        conflicts = state.conflicts();
    }

    @Test
    void aCriticalConflictEscalatesByItself24HoursAfterItOpenedAndNotBefore() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        detect(detected, 0);

        assertThat(escalateDue(DETECTED_AT.plus(Duration.ofHours(24)).minusMillis(1))).isEmpty();
        List<ConflictChange> escalated = escalateDue(DETECTED_AT.plus(Duration.ofHours(24)));

        assertThat(escalated).singleElement().satisfies(change -> {
            assertThat(change.version()).isEqualTo(1);
            assertThat(change.event()).isEqualTo(new ConflictEscalated(detected.conflictId(), BALLROOM.id(), "managers",
                    Escalations.REASON, Escalations.ACTOR, DETECTED_AT.plus(Duration.ofHours(24)), true));
        });
        assertThat(conflicts.find(detected.conflictId()).orElseThrow())
                .satisfies(stored -> {
                    assertThat(stored.status()).isEqualTo(ConflictStatus.ESCALATED);
                    assertThat(stored.escalationDue()).isNull();
                });
        assertThat(escalateDue(DETECTED_AT.plus(Duration.ofDays(30)))).as("it escalates once").isEmpty();
    }

    @Test
    void aModerateConflictHasNoClock() {
        detect(detected(STUDIO, item("a", "09:00", "10:00"), item("b", "09:30", "10:30")), 0);

        assertThat(escalateDue(DETECTED_AT.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void resolvingDismissingEscalatingOrClearingStopsTheClock() {
        ConflictDetected resolved = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        ConflictDetected dismissed = detected(BALLROOM, item("c", "11:00", "12:00"), item("d", "11:30", "12:30"));
        ConflictDetected cleared = detected(BALLROOM, item("e", "13:00", "14:00"), item("f", "13:30", "14:30"));
        List.of(resolved, dismissed, cleared).forEach(conflict -> detect(conflict, 0));

        record(new ConflictChange.Transition(new ConflictResolved(resolved.conflictId(), BALLROOM.id(), ResolutionMethod.RESCHEDULED,
                "planner", null, DETECTED_AT), ConflictStatus.RESOLVED, 1));
        record(new ConflictChange.Transition(new ConflictDismissed(dismissed.conflictId(), BALLROOM.id(), "planner", "fine", DETECTED_AT),
                ConflictStatus.DISMISSED, 1));
        record(new ConflictChange.Clearance(new ConflictCleared(cleared.conflictId(), BALLROOM.id(), "entries no longer overlap"), 1));

        assertThat(escalateDue(DETECTED_AT.plus(Duration.ofDays(2)))).isEmpty();
        assertThat(conflicts.find(cleared.conflictId()).orElseThrow().status()).isEqualTo(ConflictStatus.CLEARED);
    }

    @Test
    void aDetectionWhileTheClashHoldsKeepsTheStatusAndTheClock() {
        ConflictDetected first = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        ConflictDetected widened = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:15", "10:30"));
        detect(first, 0);
        record(new ConflictChange.Transition(new ConflictDismissed(first.conflictId(), BALLROOM.id(), "planner", "fine", DETECTED_AT),
                ConflictStatus.DISMISSED, 1));

        detect(widened, 2);

        assertThat(conflicts.find(first.conflictId()).orElseThrow().status()).isEqualTo(ConflictStatus.DISMISSED);
    }

    @Test
    void aClearedResolutionKeepsItsStatusAndAClashThatComesBackIsDetectedAfreshWithANewClock() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        detect(detected, 0);
        record(new ConflictChange.Transition(new ConflictResolved(detected.conflictId(), BALLROOM.id(), ResolutionMethod.OVERRIDE_APPLIED,
                "manager", "accepted", DETECTED_AT), ConflictStatus.RESOLVED, 1));
        record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "entries no longer overlap"), 2));
        assertThat(conflicts.find(detected.conflictId()).orElseThrow().status()).isEqualTo(ConflictStatus.RESOLVED);

        Instant again = DETECTED_AT.plus(Duration.ofDays(3));
        detect(detected, 3, again);

        assertThat(conflicts.find(detected.conflictId()).orElseThrow()).satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(ConflictStatus.DETECTED);
            assertThat(stored.escalationDue()).isEqualTo(again.plus(Escalations.DEADLINE));
        });
    }

    @Test
    void aCriticalConflictStoredWithoutAClockGetsOneFromTheRescanAndOnlyOne() {
        ConflictDetected legacy = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(legacy, 0));
        Instant rescan = DETECTED_AT.plus(Duration.ofDays(10));

        assertThat(Escalations.startMissingClocks(conflicts, BALLROOM.id(), rescan)).isEqualTo(1);
        state.commit();
        assertThat(Escalations.startMissingClocks(conflicts, BALLROOM.id(), rescan.plusSeconds(60))).isZero();

        assertThat(conflicts.find(legacy.conflictId()).orElseThrow().escalationDue()).isEqualTo(rescan.plus(Escalations.DEADLINE));
    }

    private void detect(ConflictDetected detected, long version) {
        detect(detected, version, DETECTED_AT);
    }

    private void detect(ConflictDetected detected, long version, Instant at) {
        List<ConflictChange> changes = List.of(new ConflictChange.Detection(detected, version));
        changes.forEach(conflicts::record);
        Escalations.startClocks(conflicts, changes, at);
        state.commit();
    }

    private void record(ConflictChange change) {
        conflicts.record(change);
        state.commit();
    }

    private List<ConflictChange> escalateDue(Instant now) {
        List<ConflictChange> escalated = Escalations.escalateDue(conflicts, now, "managers", 100);
        state.commit();
        return escalated;
    }

    private static ConflictDetected detected(CalendarProfile calendar, Entry... entries) {
        return calendar.describe(CapacityBreaches.find(calendar.id(), calendar.capacity(), List.of(entries)).get(0));
    }
}
