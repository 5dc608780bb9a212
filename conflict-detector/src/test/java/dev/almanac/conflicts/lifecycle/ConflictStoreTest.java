package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.platform.testing.InMemoryMongo;

/** Proves the store's writes and queries on mongo-java-server, the server of the local stack. */
class ConflictStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CalendarProfile BALLROOM = new CalendarProfile(CalendarId.of("cal-ballroom"), CalendarType.VENUE, 1);
    private static final CalendarProfile ANNEX = new CalendarProfile(CalendarId.of("cal-annex"), CalendarType.STAFF, 1);

    private ConflictStore conflicts;

    @BeforeEach
    void freshStore() {
        conflicts = new ConflictStore(InMemoryMongo.freshDatabase());
        conflicts.createIndexes().block(TIMEOUT);
    }

    @Test
    void aRecordedDetectionReadsBackAsPublished() {
        ConflictDetected detected = detected(BALLROOM, item("review", "15:00", "16:00"), occurrence("nightly", "15:30", "15:45"));

        boolean applied = record(new ConflictChange.Detection(detected, 0));

        assertThat(applied).isTrue();
        assertThat(conflicts.active(BALLROOM.id()).collectList().block(TIMEOUT))
                .containsExactly(new StoredConflict(detected, ConflictStatus.ACTIVE, 0));
    }

    @Test
    void recordingTheSameVersionAgainChangesNothing() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(detected, 0));

        boolean again = record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "late"), 0));

        assertThat(again).isFalse();
        assertThat(conflicts.active(BALLROOM.id()).collectList().block(TIMEOUT)).hasSize(1);
    }

    @Test
    void findsActiveConflictsWhoseWindowOverlapsARange() {
        ConflictDetected morning = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        ConflictDetected noon = detected(BALLROOM, item("c", "11:00", "13:00"), item("d", "12:00", "13:00"));
        ConflictDetected elsewhere = detected(ANNEX, item("e", "09:00", "13:00"), item("f", "09:00", "13:00"));
        record(new ConflictChange.Detection(morning, 0));
        record(new ConflictChange.Detection(noon, 0));
        record(new ConflictChange.Detection(elsewhere, 0));

        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("09:45", "12:00")).collectList().block(TIMEOUT))
                .extracting(StoredConflict::lastDetected).containsExactly(morning);
        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("10:00", "12:00")).collectList().block(TIMEOUT))
                .as("windows that only touch the range").isEmpty();
        assertThat(conflicts.activeOverlapping(BALLROOM.id(), slot("09:59", "12:01")).collectList().block(TIMEOUT))
                .extracting(StoredConflict::lastDetected).containsExactlyInAnyOrder(morning, noon);
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

        assertThat(conflicts.activeInvolving(BALLROOM.id(), EntryKey.item("review")).collectList().block(TIMEOUT))
                .extracting(StoredConflict::lastDetected).containsExactly(withReview);
    }

    @Test
    void aClearedConflictIsNoLongerActiveButStillKnownById() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(detected, 0));

        record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "entries no longer overlap"), 1));

        assertThat(conflicts.active(BALLROOM.id()).collectList().block(TIMEOUT)).isEmpty();
        assertThat(conflicts.activeInvolving(BALLROOM.id(), EntryKey.item("a")).collectList().block(TIMEOUT)).isEmpty();
        assertThat(conflicts.withIds(List.of(detected.conflictId())).collectList().block(TIMEOUT))
                .containsExactly(new StoredConflict(detected, ConflictStatus.CLEARED, 1));
    }

    @Test
    void aConflictDetectedAgainAfterItsClearanceIsActiveOnceMore() {
        ConflictDetected detected = detected(BALLROOM, item("a", "09:00", "10:00"), item("b", "09:30", "10:30"));
        record(new ConflictChange.Detection(detected, 0));
        record(new ConflictChange.Clearance(new ConflictCleared(detected.conflictId(), BALLROOM.id(), "entries no longer overlap"), 1));

        record(new ConflictChange.Detection(detected, 2));

        assertThat(conflicts.active(BALLROOM.id()).collectList().block(TIMEOUT))
                .containsExactly(new StoredConflict(detected, ConflictStatus.ACTIVE, 2));
    }

    private boolean record(ConflictChange change) {
        return conflicts.record(change).block(TIMEOUT);
    }

    private static ConflictDetected detected(CalendarProfile calendar, Entry... entries) {
        return calendar.describe(CapacityBreaches.find(calendar.id(), calendar.capacity(), List.of(entries)).get(0));
    }
}
