package dev.almanac.conflicts.detection;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictId;

class CapacityBreachesTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");

    @Test
    void twoOverlappingItemsOnACalendarOfCapacityOneAreOneConflictOverTheirOverlap() {
        Entry review = item("review", "15:00", "16:00");
        Entry gala = item("gala", "15:30", "18:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(review, gala));

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.window()).isEqualTo(slot("15:30", "16:00"));
            assertThat(breach.entries()).containsExactly(gala, review);
            assertThat(breach.peakConcurrency()).isEqualTo(2);
        });
    }

    @Test
    void backToBackEntriesDoNotClash() {
        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1,
                List.of(item("a", "09:00", "10:00"), item("b", "10:00", "11:00"), item("c", "11:00", "12:00")));

        assertThat(breaches).isEmpty();
    }

    @Test
    void aCalendarOfCapacityTwoHoldsTwoOverlappingEntries() {
        assertThat(CapacityBreaches.find(BALLROOM, 2, List.of(item("a", "09:00", "11:00"), item("b", "10:00", "12:00"))))
                .isEmpty();
    }

    @Test
    void aCalendarOfCapacityTwoIsBreachedOnlyWhereThreeEntriesOverlap() {
        Entry a = item("a", "09:00", "12:00");
        Entry b = item("b", "10:00", "13:00");
        Entry c = item("c", "11:00", "14:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 2, List.of(a, b, c));

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.window()).isEqualTo(slot("11:00", "12:00"));
            assertThat(breach.entries()).containsExactly(a, b, c);
            assertThat(breach.peakConcurrency()).isEqualTo(3);
        });
    }

    @Test
    void aChainWhoseLinksOverlapAtDifferentTimesIsTwoConflicts() {
        Entry a = item("a", "09:00", "10:30");
        Entry b = item("b", "10:00", "12:00");
        Entry c = item("c", "11:30", "13:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(a, b, c));

        assertThat(breaches).extracting(Breach::window).containsExactly(slot("10:00", "10:30"), slot("11:30", "12:00"));
        assertThat(breaches).extracting(Breach::entries).containsExactly(List.of(a, b), List.of(b, c));
    }

    @Test
    void touchingBreachesThatShareNoEntryAreTwoConflicts() {
        Entry a = item("a", "09:00", "10:00");
        Entry b = item("b", "09:00", "10:00");
        Entry c = item("c", "10:00", "11:00");
        Entry d = item("d", "10:00", "11:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(a, b, c, d));

        assertThat(breaches).extracting(Breach::window).containsExactly(slot("09:00", "10:00"), slot("10:00", "11:00"));
        assertThat(breaches).extracting(Breach::entries).containsExactly(List.of(a, b), List.of(c, d));
    }

    @Test
    void touchingBreachesThatShareAnEntryMergeIntoOneConflict() {
        Entry a = item("a", "09:00", "11:00");
        Entry b = item("b", "09:00", "10:00");
        Entry c = item("c", "10:00", "11:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(a, b, c));

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.window()).isEqualTo(slot("09:00", "11:00"));
            assertThat(breach.entries()).containsExactly(a, b, c);
            assertThat(breach.peakConcurrency()).isEqualTo(2);
        });
    }

    @Test
    void theMergedConflictReportsItsHighestConcurrency() {
        Entry a = item("a", "09:00", "12:00");
        Entry b = item("b", "10:00", "12:00");
        Entry c = item("c", "11:00", "12:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(a, b, c));

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.window()).isEqualTo(slot("10:00", "12:00"));
            assertThat(breach.peakConcurrency()).isEqualTo(3);
        });
    }

    @Test
    void breachesSeparatedByAGapAreSeparateConflictsEvenWithAnEntryInCommon() {
        Entry allDay = item("all-day", "08:00", "18:00");
        Entry morning = item("morning", "09:00", "10:00");
        Entry afternoon = item("afternoon", "14:00", "15:00");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(allDay, morning, afternoon));

        assertThat(breaches).extracting(Breach::entries)
                .containsExactly(List.of(allDay, morning), List.of(afternoon, allDay));
        assertThat(breaches).extracting(Breach::id).doesNotHaveDuplicates();
    }

    @Test
    void anOccurrenceClashesWithAnItem() {
        Entry review = item("review", "02:00", "03:00");
        Entry cleanup = occurrence("nightly-0230", "02:30", "02:45");

        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1, List.of(review, cleanup));

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.window()).isEqualTo(slot("02:30", "02:45"));
            assertThat(breach.entries()).extracting(entry -> entry.key().kind())
                    .containsExactlyInAnyOrder(EntryKind.ITEM, EntryKind.OCCURRENCE);
        });
    }

    @Test
    void theConflictIdIsDerivedFromTheCalendarAndTheSortedKindPrefixedEntryIds() {
        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1,
                List.of(item("review", "15:00", "16:00"), occurrence("cleanup", "15:30", "15:45")));

        assertThat(breaches).singleElement().extracting(breach -> breach.id().value())
                .isEqualTo(Identifiers.derive("conflict", "cal-ballroom", "item:review", "occurrence:cleanup"));
    }

    @Test
    void theSameClashHasTheSameIdWhateverTheOrderAndTheExactTimes() {
        Breach first = CapacityBreaches.find(BALLROOM, 1,
                List.of(item("a", "09:00", "10:00"), item("b", "09:30", "11:00"))).get(0);
        Breach moved = CapacityBreaches.find(BALLROOM, 1,
                List.of(item("b", "13:30", "15:00"), item("a", "13:00", "14:00"))).get(0);

        assertThat(moved.id()).isEqualTo(first.id());
        assertThat(moved.window()).isNotEqualTo(first.window());
    }

    @Test
    void theIdSeparatesCalendarsAndKindsOfEntry() {
        List<Entry> items = List.of(item("x", "09:00", "10:00"), item("y", "09:30", "11:00"));
        List<Entry> mixed = List.of(item("x", "09:00", "10:00"), occurrence("y", "09:30", "11:00"));

        Breach onBallroom = CapacityBreaches.find(BALLROOM, 1, items).get(0);
        Breach elsewhere = CapacityBreaches.find(CalendarId.of("cal-annex"), 1, items).get(0);
        Breach withAnOccurrence = CapacityBreaches.find(BALLROOM, 1, mixed).get(0);

        assertThat(List.of(onBallroom.id(), elsewhere.id(), withAnOccurrence.id())).doesNotHaveDuplicates();
    }

    @Test
    void theSameEntryListedTwiceCountsOnce() {
        Entry a = item("a", "09:00", "10:00");

        assertThat(CapacityBreaches.find(BALLROOM, 1, List.of(a, a))).isEmpty();
    }

    @Test
    void threeIdenticalSlotsOnACalendarOfCapacityOneAreOneConflictOfPeakThree() {
        List<Breach> breaches = CapacityBreaches.find(BALLROOM, 1,
                List.of(item("a", "09:00", "10:00"), item("b", "09:00", "10:00"), item("c", "09:00", "10:00")));

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.entries()).hasSize(3);
            assertThat(breach.peakConcurrency()).isEqualTo(3);
            assertThat(breach.window()).isEqualTo(slot("09:00", "10:00"));
        });
    }

    @Test
    void aCalendarWithoutOverlapsHasNoConflicts() {
        assertThat(CapacityBreaches.find(BALLROOM, 1, List.of())).isEmpty();
        assertThat(CapacityBreaches.find(BALLROOM, 1, List.of(item("a", "09:00", "10:00")))).isEmpty();
    }

    @Test
    void warningsStartAtEightyPercentOfTheCapacityRoundedUpAndCalendarsOfCapacityOneHaveNone() {
        assertThat(List.of(1, 2, 3, 4, 5, 10, 12)).extracting(CapacityBreaches::warningThreshold)
                .containsExactly(Integer.MAX_VALUE, 2, 3, 4, 4, 8, 10);
    }

    @Test
    void aWarningCoversWhereTheLoadIsAtEightyPercentOrMoreAndABreachLiesInsideIt() {
        Entry a = item("a", "09:00", "13:00");
        Entry b = item("b", "09:00", "13:00");
        Entry c = item("c", "10:00", "12:00");
        Entry d = item("d", "10:30", "11:30");
        Entry e = item("e", "11:00", "11:15");

        List<Breach> found = CapacityBreaches.findWithWarnings(BALLROOM, 4, List.of(a, b, c, d, e));

        assertThat(found).satisfiesExactly(
                warning -> {
                    assertThat(warning.kind()).isEqualTo(Breach.Kind.NEAR_CAPACITY);
                    assertThat(warning.window()).as("4 of 4 from 10:30, 5 at 11:00, 4 until 11:30").isEqualTo(slot("10:30", "11:30"));
                    assertThat(warning.entries()).containsExactly(a, b, c, d, e);
                    assertThat(warning.peakConcurrency()).isEqualTo(5);
                    assertThat(warning.id()).isEqualTo(ConflictId.of(Identifiers.derive("capacity-warning", BALLROOM.value(),
                            "item:a", "item:b", "item:c", "item:d", "item:e")));
                },
                breach -> {
                    assertThat(breach.kind()).isEqualTo(Breach.Kind.OVER_CAPACITY);
                    assertThat(breach.window()).isEqualTo(slot("11:00", "11:15"));
                });
        assertThat(CapacityBreaches.find(BALLROOM, 4, List.of(a, b, c, d, e))).as("without warnings, the breach alone")
                .singleElement().extracting(Breach::kind).isEqualTo(Breach.Kind.OVER_CAPACITY);
        assertThat(CapacityBreaches.findWithWarnings(BALLROOM, 1, List.of(a, b))).as("capacity 1: the breach, no warning")
                .singleElement().extracting(Breach::kind).isEqualTo(Breach.Kind.OVER_CAPACITY);
    }
}
