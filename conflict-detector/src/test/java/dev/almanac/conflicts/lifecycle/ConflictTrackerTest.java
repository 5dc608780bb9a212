package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;

/** The whole lifecycle over a partition's stores (in memory), one committed fact at a time. */
class ConflictTrackerTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");

    private final List<ConflictChange> published = new ArrayList<>();
    private PartitionState state;

    @BeforeEach
    void freshState() {
        state = InMemoryState.fresh();
    }

    @Test
    void twoOverlappingItemsOnAVenueOfCapacityOneAreOneCriticalConflict() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);

        List<ConflictChange> changes = place(item("gala", "15:30", "18:00"), 0);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.version()).isZero();
            ConflictDetected detected = (ConflictDetected) change.event();
            assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(detected.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(new TimeRange(detected.start(), detected.end())).isEqualTo(slot("15:30", "16:00"));
            assertThat(detected.entries()).extracting(entry -> entry.entryId()).containsExactly("gala", "review");
        });
        assertThat(activeConflicts(BALLROOM)).singleElement().satisfies(stored -> {
            assertThat(stored.version()).isZero();
            assertThat(stored.lastDetected()).isEqualTo(changes.get(0).event());
        });
    }

    /** A calendar's changed definition arrives as the calendar anew (FactRouter): its entries meet the new capacity. */
    @Test
    void aCapacityRaiseClearsTheBreachAndACutBringsItBack() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        ConflictId conflict = activeConflicts(BALLROOM).get(0).id();

        List<ConflictChange> raised = commit(state.tracker().calendarCreated(new CalendarProfile(BALLROOM, CalendarType.VENUE, 2), 1));

        assertThat(raised).first().isEqualTo(new ConflictChange.Clearance(new ConflictCleared(conflict, BALLROOM,
                "entries no longer exceed the calendar's capacity of 2, after calendar cal-ballroom's capacity was raised from 1 to 2"), 1));
        assertThat(raised).last().satisfies(change -> assertThat(((ConflictDetected) change.event()).type())
                .as("full at 2 of 2: an SCH-022 warning").isEqualTo(ConflictType.CAPACITY_WARNING));
        assertThat(activeConflicts(BALLROOM)).extracting(stored -> stored.lastDetected().type())
                .containsExactly(ConflictType.CAPACITY_WARNING);

        List<ConflictChange> cut = commit(state.tracker().calendarCreated(new CalendarProfile(BALLROOM, CalendarType.VENUE, 1), 2));

        assertThat(cut).hasSize(2).last().satisfies(change -> assertThat(change.event()).isInstanceOf(ConflictDetected.class));
        assertThat(((ConflictCleared) cut.get(0).event()).reason())
                .isEqualTo("a calendar of capacity 1 has no SCH-022 warnings: a second entry is a breach, after calendar cal-ballroom's "
                        + "capacity was cut from 2 to 1");
        assertThat(activeConflicts(BALLROOM)).extracting(StoredConflict::id).containsExactly(conflict);
        assertThat(commit(state.tracker().calendarCreated(new CalendarProfile(BALLROOM, CalendarType.VENUE, 2), 1)))
                .as("an older definition arriving late changes nothing").isEmpty();
    }

    /**
     * ADR 0096: a conflict names each occurrence's rule, so that the notifier can tell a private rule's; the rule is kept
     * with the occurrence where it moves, and with the stored conflict, as a restarted partition reads them.
     */
    @Test
    void anOccurrencesConflictNamesItsRuleWhereverTheOccurrenceMoves() {
        InMemoryState.Stores stores = new InMemoryState.Stores();
        state = stores.state();
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);

        List<ConflictChange> placed = place(Entry.occurrence("occ-nightly", "rule-nightly", "Nightly", slot("15:30", "17:00")), 0);
        List<ConflictChange> moved = commit(state.tracker().entryMoved(BALLROOM, EntryKey.occurrence("occ-nightly"),
                slot("15:30", "17:00"), slot("15:45", "17:00"), 1, null));

        for (ConflictChange change : List.of(placed.get(0), moved.get(0))) {
            assertThat(((ConflictDetected) change.event()).entries())
                    .extracting(entry -> entry.entryId(), entry -> entry.ruleId())
                    .containsExactlyInAnyOrder(tuple("occ-nightly", "rule-nightly"), tuple("review", null));
        }
        state = stores.state();
        assertThat(activeConflicts(BALLROOM)).singleElement().satisfies(stored -> assertThat(stored.lastDetected().entries())
                .extracting(entry -> entry.ruleId()).containsExactlyInAnyOrder("rule-nightly", null));
        assertThat(place(item("review", "15:00", "16:00"), 1)).as("the same conflict, its rule read back").isEmpty();
    }

    @Test
    void movingAnItemAwayClearsTheConflict() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        ConflictId conflict = activeConflicts(BALLROOM).get(0).id();

        List<ConflictChange> changes = move("gala", slot("15:30", "18:00"), slot("16:00", "18:30"), 1);

        assertThat(changes).containsExactly(new ConflictChange.Clearance(
                new ConflictCleared(conflict, BALLROOM, "entries no longer overlap, after item gala was rescheduled"), 1));
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(state.conflicts().find(conflict)).hasValueSatisfying(stored -> {
            assertThat(stored.presence()).isEqualTo(Presence.CLEARED);
            assertThat(stored.version()).isEqualTo(1);
        });
    }

    @Test
    void cancellingAnItemClearsItsConflictAsMovingItAwayWould() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        ConflictId conflict = activeConflicts(BALLROOM).get(0).id();

        List<ConflictChange> changes = withdraw("gala", slot("15:30", "18:00"), 1);

        assertThat(changes).containsExactly(new ConflictChange.Clearance(
                new ConflictCleared(conflict, BALLROOM, "entries no longer overlap, after item gala was cancelled"), 1));
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(state.entries().meeting(BALLROOM, slot("15:00", "18:00"))).extracting(entry -> entry.key().id())
                .containsExactly("review");
    }

    @Test
    void aCancelledItemStaysOutOfTheIndexWhenAnOlderFactArrivesAgain() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        withdraw("gala", slot("15:30", "18:00"), 2);

        assertThat(withdraw("gala", slot("15:30", "18:00"), 2)).isEmpty();
        assertThat(place(item("gala", "15:30", "18:00"), 0)).isEmpty();
        assertThat(move("gala", slot("15:30", "18:00"), slot("15:00", "16:00"), 1)).isEmpty();
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(published).hasSize(2);
        assertThat(state.entries().find(EntryKey.item("gala"))).hasValueSatisfying(stored -> {
            assertThat(stored.withdrawn()).isTrue();
            assertThat(stored.version()).isEqualTo(2);
        });
        assertThat(state.entries().onCalendar(BALLROOM)).extracting(entry -> entry.key().id()).containsExactly("review");
    }

    @Test
    void cancellingOneOfThreeClashingItemsRedetectsTheConflictOfTheOtherTwo() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        place(item("lunch", "15:45", "16:30"), 0);

        withdraw("lunch", slot("15:45", "16:30"), 1);

        assertThat(activeConflicts(BALLROOM)).singleElement().satisfies(stored ->
                assertThat(stored.lastDetected().entries()).extracting(entry -> entry.entryId()).containsExactly("gala", "review"));
    }

    @Test
    void retractingAnOccurrenceClearsItsConflictAndANewerMaterialisationBringsItBack() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(occurrence("nightly", "15:45", "16:15"), 0);
        ConflictId conflict = activeConflicts(BALLROOM).get(0).id();

        List<ConflictChange> retracted = commit(state.tracker().entryWithdrawn(BALLROOM, EntryKey.occurrence("nightly"),
                slot("15:45", "16:15"), 1, null));

        assertThat(retracted).containsExactly(new ConflictChange.Clearance(
                new ConflictCleared(conflict, BALLROOM, "entries no longer overlap, after occurrence nightly was retracted"), 1));
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(place(occurrence("nightly", "15:45", "16:15"), 1)).as("a redelivered materialisation of the paused version").isEmpty();
        assertThat(activeConflicts(BALLROOM)).isEmpty();

        // The rule resumed at version 2: the same occurrence id is materialised again and clashes again.
        assertThat(place(occurrence("nightly", "15:45", "16:15"), 2)).singleElement()
                .satisfies(change -> assertThat(change.event()).isInstanceOf(ConflictDetected.class));
        assertThat(activeConflicts(BALLROOM)).singleElement().satisfies(stored ->
                assertThat(stored.lastDetected().entries()).extracting(entry -> entry.entryId()).containsExactlyInAnyOrder("nightly", "review"));
    }

    @Test
    void movingAnItemWithinTheOverlapRedetectsTheConflictWithItsNewWindow() {
        calendar(BALLROOM, CalendarType.STAFF, 1);
        place(item("review", "15:00", "16:00"), 0);
        ConflictDetected first = (ConflictDetected) place(item("gala", "15:30", "18:00"), 0).get(0).event();

        List<ConflictChange> changes = move("review", slot("15:00", "16:00"), slot("16:30", "17:00"), 1);

        assertThat(changes).singleElement().satisfies(change -> {
            ConflictDetected again = (ConflictDetected) change.event();
            assertThat(again.conflictId()).isEqualTo(first.conflictId());
            assertThat(new TimeRange(again.start(), again.end())).isEqualTo(slot("16:30", "17:00"));
            assertThat(change.version()).isEqualTo(1);
        });
        assertThat(activeConflicts(BALLROOM)).singleElement().extracting(StoredConflict::version).isEqualTo(1L);
    }

    @Test
    void aRedeliveredFactChangesNothingAndPublishesNothing() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        Entry gala = item("gala", "15:30", "18:00");
        place(gala, 0);

        assertThat(place(gala, 0)).isEmpty();
        assertThat(calendar(BALLROOM, CalendarType.VENUE, 1)).isEmpty();
        assertThat(published).hasSize(1);
    }

    @Test
    void anOutOfDateFactDoesNotUndoANewerOne() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        move("gala", slot("15:30", "18:00"), slot("16:00", "18:00"), 1);

        assertThat(place(item("gala", "15:30", "18:00"), 0)).isEmpty();
        assertThat(published).hasSize(2);
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(state.entries().meeting(BALLROOM, slot("15:00", "16:00"))).extracting(entry -> entry.key().id())
                .containsExactly("review", "gala");
    }

    @Test
    void entriesThatArriveBeforeTheirCalendarAreCheckedWhenItArrives() {
        place(item("review", "15:00", "16:00"), 0);
        place(occurrence("nightly", "15:45", "16:15"), 0);
        assertThat(published).isEmpty();

        List<ConflictChange> changes = calendar(BALLROOM, CalendarType.EQUIPMENT, 1);

        assertThat(changes).singleElement().extracting(ConflictChange::event)
                .isInstanceOfSatisfying(ConflictDetected.class, detected -> {
                    assertThat(detected.type()).isEqualTo(ConflictType.EQUIPMENT_CONFLICT);
                    assertThat(detected.entries()).extracting(entry -> entry.kind() + ":" + entry.entryId())
                            .containsExactly("ITEM:review", "OCCURRENCE:nightly");
                });
    }

    @Test
    void anOccurrenceMaterialisedAgainAtANewerRuleVersionMovesAndLeavesItsOldTime() {
        calendar(BALLROOM, CalendarType.MASTER, 1);
        place(item("standup", "09:00", "09:15"), 0);
        place(occurrence("daily", "09:00", "09:30"), 0);

        List<ConflictChange> changes = place(occurrence("daily", "10:00", "10:30"), 1);

        assertThat(changes).singleElement().isInstanceOf(ConflictChange.Clearance.class);
        assertThat(state.entries().onCalendar(BALLROOM)).containsExactly(item("standup", "09:00", "09:15"),
                occurrence("daily", "10:00", "10:30"));
    }

    @Test
    void anEntryThatBridgesTwoClashesReplacesThemWithTheLargerOnes() {
        calendar(BALLROOM, CalendarType.MASTER, 1);
        place(item("a", "09:00", "10:00"), 0);
        place(item("b", "09:30", "10:30"), 0);
        place(item("c", "11:00", "12:00"), 0);
        place(item("d", "11:30", "12:30"), 0);

        List<ConflictChange> changes = place(item("e", "10:00", "11:45"), 0);

        assertThat(changes).filteredOn(ConflictChange.Clearance.class::isInstance).hasSize(2);
        assertThat(changes).filteredOn(ConflictChange.Detection.class::isInstance)
                .extracting(change -> ((ConflictDetected) change.event()).entries().stream().map(entry -> entry.entryId()).toList())
                .containsExactly(List.of("a", "b", "e"), List.of("c", "d", "e"));
        assertThat(activeConflicts(BALLROOM)).hasSize(2);
    }

    @Test
    void aLongEntryFarAwayStillFindsTheClashItsStartIsBeforeTheScan() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("all-day", "00:00", "23:00"), 0);

        List<ConflictChange> changes = place(item("evening", "21:00", "22:00"), 0);

        assertThat(changes).singleElement().extracting(change -> ((ConflictDetected) change.event()).entries().size())
                .isEqualTo(2);
    }

    @Test
    void anEntryThatLeavesForAnotherCalendarOfThePartitionClearsItsConflictsThere() {
        CalendarId annex = CalendarId.of("cal-annex");
        calendar(BALLROOM, CalendarType.VENUE, 1);
        calendar(annex, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);

        List<ConflictChange> changes = commit(state.tracker().entryMoved(annex, EntryKey.item("gala"),
                slot("15:30", "18:00"), slot("15:30", "18:00"), 1, null));

        assertThat(changes).singleElement().extracting(ConflictChange::event)
                .isInstanceOfSatisfying(ConflictCleared.class, cleared -> assertThat(cleared.calendarId()).isEqualTo(BALLROOM));
        assertThat(state.entries().onCalendar(BALLROOM)).extracting(entry -> entry.key().id()).containsExactly("review");
        assertThat(state.entries().onCalendar(annex)).extracting(entry -> entry.key().id()).containsExactly("gala");
    }

    @Test
    void aDiscardedFactLeavesNoTrace() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        state.tracker().entryPlaced(BALLROOM, item("gala", "15:30", "18:00"), 0);

        state.discard();

        assertThat(state.entries().find(EntryKey.item("gala"))).isEmpty();
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(place(item("gala", "15:30", "18:00"), 0)).hasSize(1);
    }

    @Test
    void aCalendarAtEightyPercentOfItsCapacityWarnsAndTheWarningClearsWhenTheLoadDrops() {
        calendar(BALLROOM, CalendarType.DEPARTMENT, 5);
        place(item("a", "09:00", "12:00"), 0);
        place(item("b", "09:00", "12:00"), 0);
        place(item("c", "10:00", "12:00"), 0);
        assertThat(activeConflicts(BALLROOM)).as("3 of 5 is under 80 %").isEmpty();

        List<ConflictChange> warned = place(item("d", "10:30", "11:30"), 0);

        assertThat(warned).singleElement().satisfies(change -> {
            ConflictDetected detected = (ConflictDetected) change.event();
            assertThat(detected.type()).isEqualTo(ConflictType.CAPACITY_WARNING);
            assertThat(detected.level()).isEqualTo(ConflictLevel.MINOR);
            assertThat(new TimeRange(detected.start(), detected.end())).isEqualTo(slot("10:30", "11:30"));
            assertThat(detected.peakConcurrency()).isEqualTo(4);
            assertThat(detected.capacity()).isEqualTo(5);
            assertThat(detected.conflictId()).isEqualTo(ConflictId.of(Identifiers.derive("capacity-warning", BALLROOM.value(),
                    "item:a", "item:b", "item:c", "item:d")));
        });

        List<ConflictChange> dropped = withdraw("d", slot("10:30", "11:30"), 1);

        assertThat(dropped).singleElement().satisfies(change -> assertThat(((ConflictCleared) change.event()).reason()).isEqualTo(
                "its entries no longer hold 80 % of the calendar's capacity of 5 or more (SCH-022), after item d was cancelled"));
        assertThat(activeConflicts(BALLROOM)).isEmpty();
    }

    @Test
    void aBreachLiesInsideAWarningAndACalendarOfCapacityOneHasNone() {
        calendar(BALLROOM, CalendarType.DEPARTMENT, 2);
        place(item("a", "09:00", "12:00"), 0);
        place(item("b", "10:00", "12:00"), 0);
        assertThat(activeConflicts(BALLROOM)).extracting(stored -> stored.lastDetected().type())
                .as("full at 2 of 2").containsExactly(ConflictType.CAPACITY_WARNING);

        place(item("c", "10:30", "11:00"), 0);

        assertThat(activeConflicts(BALLROOM)).extracting(stored -> stored.lastDetected().type() + " "
                        + stored.lastDetected().start().toString().substring(11, 16) + "-" + stored.lastDetected().end().toString().substring(11, 16))
                .containsExactlyInAnyOrder("CAPACITY_WARNING 10:00-12:00", "TIME_OVERLAP 10:30-11:00");

        CalendarId single = CalendarId.of("cal-single");
        calendar(single, CalendarType.VENUE, 1);
        commit(state.tracker().entryPlaced(single, item("x", "09:00", "12:00"), 0));
        commit(state.tracker().entryPlaced(single, item("y", "10:00", "11:00"), 0));
        assertThat(activeConflicts(single)).extracting(stored -> stored.lastDetected().type()).containsExactly(ConflictType.VENUE_CONFLICT);
    }

    @Test
    void anEntryTellsEachResourceItBooksWhereItIsAndThatItLeft() {
        ResourceId hall = ResourceId.of("res-hall");
        ResourceId projector = ResourceId.of("res-projector");
        calendar(BALLROOM, CalendarType.VENUE, 1);
        List<ResourceBooking> resources = List.of(new ResourceBooking(hall, ResourceRole.PRIMARY),
                new ResourceBooking(projector, ResourceRole.SECONDARY));

        commit(state.tracker().entryPlaced(BALLROOM, item("gala", "15:00", "18:00"), resources, 0));
        assertThat(state.takeBookings()).containsExactly(
                new BookingChange(hall, new Booking(item("gala", "15:00", "18:00"), BALLROOM, ResourceRole.PRIMARY), false, 0,
                        "item gala was scheduled"),
                new BookingChange(projector, new Booking(item("gala", "15:00", "18:00"), BALLROOM, ResourceRole.SECONDARY), false, 0,
                        "item gala was scheduled"));

        move("gala", slot("15:00", "18:00"), slot("16:00", "19:00"), 1);
        assertThat(state.takeBookings()).extracting(BookingChange::released, change -> change.booking().entry().time(), BookingChange::cause)
                .containsOnly(tuple(false, slot("16:00", "19:00"), "item gala was rescheduled")).hasSize(2);

        withdraw("gala", slot("16:00", "19:00"), 2);
        assertThat(state.takeBookings()).extracting(BookingChange::resourceId, BookingChange::released, BookingChange::version)
                .containsExactly(tuple(hall, true, 2L), tuple(projector, true, 2L));

        commit(state.tracker().entryPlaced(BALLROOM, item("gala", "16:00", "19:00"), null, 3));
        assertThat(state.takeBookings()).as("an undone cancellation books what the item booked before")
                .extracting(BookingChange::resourceId, BookingChange::released, BookingChange::cause)
                .containsExactly(tuple(hall, false, "item gala was restored"), tuple(projector, false, "item gala was restored"));

        commit(state.tracker().entryPlaced(BALLROOM, item("gala", "16:00", "19:00"), List.of(resources.get(0)), 4));
        assertThat(state.takeBookings()).as("a resource it no longer books hears that it left")
                .extracting(BookingChange::resourceId, BookingChange::released)
                .containsExactly(tuple(hall, false), tuple(projector, true));

        assertThat(commit(state.tracker().entryPlaced(BALLROOM, item("gala", "16:00", "19:00"), resources, 4))).isEmpty();
        assertThat(state.takeBookings()).as("a duplicate tells nothing").isEmpty();
    }

    @Test
    void aDiscardedRecordTellsNoResourceAnything() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        state.tracker().entryPlaced(BALLROOM, item("gala", "15:00", "18:00"),
                List.of(new ResourceBooking(ResourceId.of("res-hall"), ResourceRole.PRIMARY)), 0);

        state.discard();

        assertThat(state.takeBookings()).isEmpty();
    }

    /**
     * Random placements, moves and redeliveries on calendars of capacity 1 to 3: after every
     * fact, the stored active conflicts, breaches and SCH-022 warnings, are exactly those of
     * detection over the whole calendar, and each conflict's events carry consecutive versions from 0.
     */
    @Test
    void afterEveryFactTheActiveConflictsAreThoseOfTheWholeCalendar() {
        Random random = new Random(42);
        for (int round = 0; round < 6; round++) {
            CalendarId calendarId = CalendarId.of("cal-random-" + round);
            CalendarProfile profile = new CalendarProfile(calendarId, CalendarType.MASTER, 1 + round % 3);
            calendar(calendarId, profile.type(), profile.capacity());
            Map<EntryKey, Entry> current = new LinkedHashMap<>();
            Map<EntryKey, Long> versions = new HashMap<>();
            for (int step = 0; step < 40; step++) {
                applyRandomFact(random, calendarId, current, versions);
                List<ConflictDetected> expected = CapacityBreaches.findWithWarnings(calendarId, profile.capacity(), current.values())
                        .stream().map(profile::describe).toList();
                assertThat(activeConflicts(calendarId)).extracting(StoredConflict::lastDetected)
                        .as("round %d step %d: %s", round, step, current.values())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        Map<ConflictId, List<Long>> versionsByConflict = new HashMap<>();
        published.forEach(change -> versionsByConflict.computeIfAbsent(change.conflictId(), id -> new ArrayList<>())
                .add(change.version()));
        versionsByConflict.forEach((id, versions) -> assertThat(versions).as(id.value())
                .isEqualTo(LongStream.range(0, versions.size()).boxed().toList()));
        assertThat(published).filteredOn(ConflictChange.Clearance.class::isInstance).isNotEmpty();
    }

    private void applyRandomFact(Random random, CalendarId calendarId, Map<EntryKey, Entry> current, Map<EntryKey, Long> versions) {
        int choice = random.nextInt(10);
        if (current.isEmpty() || choice < 4) {
            // Entry ids are global, like item and occurrence ids, so each calendar gets its own.
            String number = calendarId.value() + "-" + current.size();
            Entry entry = random.nextBoolean()
                    ? new Entry(EntryKey.item("i" + number), "Item " + number, randomSlot(random))
                    : new Entry(EntryKey.occurrence("o" + number), "Occurrence " + number, randomSlot(random));
            commit(state.tracker().entryPlaced(calendarId, entry, 0));
            current.put(entry.key(), entry);
            versions.put(entry.key(), 0L);
        } else if (choice < 9) {
            List<Entry> items = current.values().stream().filter(entry -> entry.key().kind() == EntryKind.ITEM).toList();
            if (items.isEmpty()) {
                return;
            }
            Entry moving = items.get(random.nextInt(items.size()));
            long version = versions.merge(moving.key(), 1L, Long::sum);
            TimeRange to = randomSlot(random);
            commit(state.tracker().entryMoved(calendarId, moving.key(), moving.time(), to, version, null));
            current.put(moving.key(), new Entry(moving.key(), moving.title(), to));
        } else {
            // A duplicate of a placement; for an entry that has moved since, an out-of-date one.
            Entry again = current.values().iterator().next();
            assertThat(commit(state.tracker().entryPlaced(calendarId, again, 0))).as("a duplicate publishes nothing").isEmpty();
        }
    }

    private static TimeRange randomSlot(Random random) {
        Instant start = slot("06:00", "06:15").start().plus(Duration.ofMinutes(15L * random.nextInt(48)));
        return new TimeRange(start, start.plus(Duration.ofMinutes(15L * (1 + random.nextInt(12)))));
    }

    private List<ConflictChange> calendar(CalendarId id, CalendarType type, int capacity) {
        return commit(state.tracker().calendarCreated(new CalendarProfile(id, type, capacity), 0));
    }

    private List<ConflictChange> place(Entry entry, long version) {
        return commit(state.tracker().entryPlaced(BALLROOM, entry, version));
    }

    private List<ConflictChange> move(String itemId, TimeRange from, TimeRange to, long version) {
        return commit(state.tracker().entryMoved(BALLROOM, EntryKey.item(itemId), from, to, version, null));
    }

    private List<ConflictChange> withdraw(String itemId, TimeRange left, long version) {
        return commit(state.tracker().entryWithdrawn(BALLROOM, EntryKey.item(itemId), left, version, null));
    }

    private List<ConflictChange> commit(List<ConflictChange> changes) {
        state.commit();
        published.addAll(changes);
        return changes;
    }

    private List<StoredConflict> activeConflicts(CalendarId calendarId) {
        return state.conflicts().active(calendarId);
    }
}
