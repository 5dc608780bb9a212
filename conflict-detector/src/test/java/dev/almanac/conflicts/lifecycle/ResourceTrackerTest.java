package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.at;
import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.EntryKind;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.schedule.ResourceRole;

/** A resource's conflicts over a partition's stores (in memory): bookings from several calendars, and unavailable ranges. */
class ResourceTrackerTest {

    private static final ResourceId HALL = ResourceId.of("res-hall");
    private static final ResourceId ALEX = ResourceId.of("res-alex");
    private static final CalendarId WEDDINGS = CalendarId.of("cal-weddings");
    private static final CalendarId GALAS = CalendarId.of("cal-galas");

    private final List<ConflictChange> published = new ArrayList<>();
    private PartitionState state;

    @BeforeEach
    void freshState() {
        state = InMemoryState.fresh();
    }

    @Test
    void twoBookingsOfAVenueFromTwoCalendarsAreOneCriticalConflictOnTheCalendarOfTheFirstEntry() {
        resource(HALL, ResourceType.VENUE);
        hold(HALL, booking(item("wedding", "15:00", "18:00"), WEDDINGS, ResourceRole.PRIMARY), 0);

        List<ConflictChange> changes = hold(HALL, booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.SECONDARY), 0);

        ConflictId id = CapacityBreachesIds.doubleBooking(HALL, "item:gala", "item:wedding");
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.version()).isZero();
            ConflictDetected detected = (ConflictDetected) change.event();
            assertThat(detected.conflictId()).isEqualTo(id);
            assertThat(detected.calendarId()).as("gala comes first by key").isEqualTo(GALAS);
            assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(detected.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(detected.resourceId()).isEqualTo(HALL);
            assertThat(detected.resourceType()).isEqualTo(ResourceType.VENUE);
            assertThat(new TimeRange(detected.start(), detected.end())).isEqualTo(slot("17:00", "18:00"));
            assertThat(detected.capacity()).isEqualTo(1);
            assertThat(detected.peakConcurrency()).isEqualTo(2);
            assertThat(detected.entries()).extracting(ConflictingEntry::entryId).containsExactly("gala", "wedding");
            assertThat(detected.bookings()).containsExactly(
                    new ConflictBooking(EntryKind.ITEM, "gala", GALAS, ResourceRole.SECONDARY),
                    new ConflictBooking(EntryKind.ITEM, "wedding", WEDDINGS, ResourceRole.PRIMARY));
        });
        assertThat(state.conflicts().active(HALL)).extracting(StoredConflict::id).containsExactly(id);
        assertThat(state.conflicts().active(GALAS)).as("a resource's conflicts are indexed by resource, not calendar").isEmpty();
    }

    @Test
    void staffIsModerateWhenAnyClashingBookingHasThemAsPrimaryAndMinorWhenAllAreSecondary() {
        resource(ALEX, ResourceType.STAFF);
        hold(ALEX, booking(item("a", "09:00", "10:00"), WEDDINGS, ResourceRole.SECONDARY), 0);
        assertThat(hold(ALEX, booking(item("b", "09:30", "10:30"), GALAS, ResourceRole.SECONDARY), 0))
                .singleElement().satisfies(change -> {
                    assertThat(((ConflictDetected) change.event()).type()).isEqualTo(ConflictType.STAFF_CONFLICT);
                    assertThat(((ConflictDetected) change.event()).level()).isEqualTo(ConflictLevel.MINOR);
                });

        List<ConflictChange> primary = hold(ALEX, booking(item("b", "09:30", "10:30"), GALAS, ResourceRole.PRIMARY), 1);

        assertThat(primary).singleElement().satisfies(change -> {
            assertThat(change.version()).as("the same clash, detected again with its new level").isEqualTo(1);
            assertThat(((ConflictDetected) change.event()).level()).isEqualTo(ConflictLevel.MODERATE);
        });
    }

    @Test
    void equipmentIsModerateAndAResourceOfAnotherTypeIsAResourceConflict() {
        ResourceId projector = ResourceId.of("res-projector");
        ResourceId van = ResourceId.of("res-van");
        resource(projector, ResourceType.EQUIPMENT);
        resource(van, ResourceType.OTHER);
        for (ResourceId resource : List.of(projector, van)) {
            hold(resource, booking(item("a-" + resource, "09:00", "10:00"), WEDDINGS, ResourceRole.PRIMARY), 0);
            hold(resource, booking(occurrence("b-" + resource, "09:30", "10:30"), GALAS, ResourceRole.PRIMARY), 0);
        }

        assertThat(state.conflicts().active(projector)).singleElement().satisfies(stored -> {
            assertThat(stored.lastDetected().type()).isEqualTo(ConflictType.EQUIPMENT_CONFLICT);
            assertThat(stored.lastDetected().level()).isEqualTo(ConflictLevel.MODERATE);
        });
        assertThat(state.conflicts().active(van)).singleElement().satisfies(stored -> {
            assertThat(stored.lastDetected().type()).isEqualTo(ConflictType.RESOURCE_CONFLICT);
            assertThat(stored.lastDetected().level()).isEqualTo(ConflictLevel.MODERATE);
            assertThat(stored.lastDetected().entries()).extracting(ConflictingEntry::kind)
                    .containsExactly(ConflictEntryKind.ITEM, ConflictEntryKind.OCCURRENCE);
        });
    }

    @Test
    void backToBackBookingsDoNotClash() {
        resource(HALL, ResourceType.VENUE);
        hold(HALL, booking(item("wedding", "15:00", "18:00"), WEDDINGS, ResourceRole.PRIMARY), 0);

        assertThat(hold(HALL, booking(item("gala", "18:00", "20:00"), GALAS, ResourceRole.PRIMARY), 0)).isEmpty();
    }

    @Test
    void bookingsThatArriveBeforeTheirResourceAreCheckedWhenItArrives() {
        assertThat(hold(HALL, booking(item("wedding", "15:00", "18:00"), WEDDINGS, ResourceRole.PRIMARY), 0)).isEmpty();
        assertThat(hold(HALL, booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.PRIMARY), 0)).isEmpty();

        assertThat(resource(HALL, ResourceType.VENUE)).singleElement().satisfies(change ->
                assertThat(change.event()).isInstanceOf(ConflictDetected.class));
        assertThat(resource(HALL, ResourceType.VENUE)).as("the creation again changes nothing").isEmpty();
    }

    @Test
    void aBookingThatMovesAwayOrIsReleasedClearsTheConflictNamingWhatHappened() {
        resource(HALL, ResourceType.VENUE);
        hold(HALL, booking(item("wedding", "15:00", "18:00"), WEDDINGS, ResourceRole.PRIMARY), 0);
        hold(HALL, booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.PRIMARY), 0);
        ConflictId id = CapacityBreachesIds.doubleBooking(HALL, "item:gala", "item:wedding");

        List<ConflictChange> moved = commit(state.trackers().resources().booked(new BookingChange(HALL,
                booking(item("gala", "18:00", "21:00"), GALAS, ResourceRole.PRIMARY), false, 1, "item gala was rescheduled")));

        assertThat(moved).containsExactly(new ConflictChange.Clearance(new ConflictCleared(id, GALAS,
                "resource res-hall is no longer booked twice at once, after item gala was rescheduled"), 1));

        hold(HALL, booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.PRIMARY), 2);
        List<ConflictChange> released = commit(state.trackers().resources().booked(new BookingChange(HALL,
                booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.PRIMARY), true, 3, "item gala was cancelled")));

        assertThat(released).containsExactly(new ConflictChange.Clearance(new ConflictCleared(id, GALAS,
                "resource res-hall is no longer booked twice at once, after item gala was cancelled"), 3));
        assertThat(state.conflicts().active(HALL)).isEmpty();
        assertThat(hold(HALL, booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.PRIMARY), 2))
                .as("an older booking arriving late cannot put it back").isEmpty();
        assertThat(state.conflicts().active(HALL)).isEmpty();
    }

    @Test
    void aBookingDuringAnUnavailableRangeIsAConflictWithTheRangeAndItsReason() {
        resource(HALL, ResourceType.VENUE);
        unavailable(HALL, "16:00", "17:00", "Floor sanding", 1);

        List<ConflictChange> changes = hold(HALL, booking(item("wedding", "15:00", "18:00"), WEDDINGS, ResourceRole.PRIMARY), 0);

        assertThat(changes).singleElement().satisfies(change -> {
            ConflictDetected detected = (ConflictDetected) change.event();
            assertThat(detected.type()).isEqualTo(ConflictType.RESOURCE_UNAVAILABLE);
            assertThat(detected.level()).as("a venue").isEqualTo(ConflictLevel.CRITICAL);
            assertThat(detected.calendarId()).isEqualTo(WEDDINGS);
            assertThat(new TimeRange(detected.start(), detected.end())).isEqualTo(slot("16:00", "17:00"));
            assertThat(detected.entries()).containsExactly(
                    new ConflictingEntry(ConflictEntryKind.ITEM, "wedding", "Item wedding", at("15:00"), at("18:00")),
                    new ConflictingEntry(ConflictEntryKind.UNAVAILABILITY, at("16:00").toString(), "Floor sanding", at("16:00"),
                            at("17:00")));
            assertThat(detected.peakConcurrency()).isEqualTo(2);
            assertThat(detected.bookings()).containsExactly(new ConflictBooking(EntryKind.ITEM, "wedding", WEDDINGS, ResourceRole.PRIMARY));
        });
    }

    @Test
    void markingARangeUnavailableOverBookingsReportsEachAndMarkingItAvailableClearsThem() {
        resource(HALL, ResourceType.EQUIPMENT);
        hold(HALL, booking(item("morning", "09:00", "10:00"), WEDDINGS, ResourceRole.PRIMARY), 0);
        hold(HALL, booking(item("noon", "12:00", "13:00"), GALAS, ResourceRole.SECONDARY), 0);
        hold(HALL, booking(item("evening", "19:00", "20:00"), GALAS, ResourceRole.PRIMARY), 0);

        List<ConflictChange> marked = unavailable(HALL, "09:30", "12:30", null, 1);

        assertThat(marked).extracting(change -> ((ConflictDetected) change.event()).entries().get(0).entryId())
                .containsExactly("morning", "noon");
        assertThat(marked).extracting(change -> ((ConflictDetected) change.event()).entries().get(1).title())
                .containsOnly("unavailable");

        List<ConflictChange> split = available(HALL, "10:00", "12:00", 2);

        assertThat(split).as("the range is split in two, one part on each booking: both conflicts hold, with their new parts")
                .hasSize(2).allSatisfy(change -> assertThat(change).isInstanceOf(ConflictChange.Detection.class));
        assertThat(state.conflicts().active(HALL)).extracting(stored -> stored.lastDetected().entries().get(1).end())
                .containsExactlyInAnyOrder(at("10:00"), at("12:30"));

        List<ConflictChange> freed = available(HALL, "09:00", "13:00", 3);

        assertThat(freed).hasSize(2).allSatisfy(change -> assertThat(((ConflictCleared) change.event()).reason()).isEqualTo(
                "the booking no longer falls in a range where resource res-hall is unavailable, after resource res-hall was "
                        + "marked available from 2026-12-01T09:00:00Z to 2026-12-01T13:00:00Z"));
        assertThat(state.conflicts().active(HALL)).isEmpty();
        assertThat(available(HALL, "09:00", "13:00", 3)).as("a redelivered fact changes nothing").isEmpty();
    }

    @Test
    void aBookingMovedOutOfTheRangeClearsItsConflictAndOneMovedIntoItOpensOne() {
        resource(ALEX, ResourceType.STAFF);
        unavailable(ALEX, "12:00", "14:00", "Training", 1);
        hold(ALEX, booking(item("lunch", "12:30", "13:00"), WEDDINGS, ResourceRole.SECONDARY), 0);
        assertThat(state.conflicts().active(ALEX)).singleElement()
                .satisfies(stored -> assertThat(stored.lastDetected().level()).isEqualTo(ConflictLevel.MINOR));

        List<ConflictChange> moved = hold(ALEX, booking(item("lunch", "14:00", "15:00"), WEDDINGS, ResourceRole.SECONDARY), 1);

        assertThat(moved).singleElement().isInstanceOf(ConflictChange.Clearance.class);
        assertThat(hold(ALEX, booking(item("lunch", "13:45", "14:45"), WEDDINGS, ResourceRole.SECONDARY), 2)).singleElement()
                .satisfies(change -> assertThat(change.version()).as("the same booking's conflict, opened again").isEqualTo(2));
    }

    @Test
    void theRescanOfAConsistentResourceChangesNothingAndFindsALostConflictAgain() {
        resource(HALL, ResourceType.VENUE);
        hold(HALL, booking(item("wedding", "15:00", "18:00"), WEDDINGS, ResourceRole.PRIMARY), 0);
        hold(HALL, booking(item("gala", "17:00", "20:00"), GALAS, ResourceRole.PRIMARY), 0);
        unavailable(HALL, "19:00", "22:00", "Cleaning", 1);

        ConflictTracker.Rescanned rescanned = state.trackers().resources().rescan(HALL);
        state.commit();

        assertThat(rescanned.holding()).isEqualTo(2);
        assertThat(rescanned.changes()).isEmpty();
        assertThat(state.trackers().resources().rescan(ResourceId.of("res-unknown"))).isEqualTo(new ConflictTracker.Rescanned(0, List.of()));
    }

    /**
     * Random bookings, moves, releases and changes of availability on resources of every type:
     * after every change, the stored active conflicts of the resource are exactly those of
     * detection over all its bookings and ranges, and each conflict's events carry consecutive
     * versions from 0.
     */
    @Test
    void afterEveryChangeTheActiveConflictsAreThoseOfTheWholeResource() {
        Random random = new Random(7);
        long resourceVersion = 0;
        for (int round = 0; round < 4; round++) {
            ResourceProfile profile = new ResourceProfile(ResourceId.of("res-random-" + round), ResourceType.values()[round]);
            resource(profile.id(), profile.type());
            Map<EntryKey, Booking> current = new LinkedHashMap<>();
            Map<EntryKey, Long> versions = new HashMap<>();
            List<UnavailableRange> ranges = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                int choice = random.nextInt(12);
                if (current.isEmpty() || choice < 5) {
                    String number = profile.id() + "-" + step;
                    Entry entry = random.nextBoolean() ? new Entry(EntryKey.item("i" + number), "Item " + number, randomSlot(random))
                            : new Entry(EntryKey.occurrence("o" + number), "Occurrence " + number, randomSlot(random));
                    Booking booking = booking(entry, random.nextBoolean() ? WEDDINGS : GALAS,
                            random.nextBoolean() ? ResourceRole.PRIMARY : ResourceRole.SECONDARY);
                    hold(profile.id(), booking, 0);
                    current.put(entry.key(), booking);
                    versions.put(entry.key(), 0L);
                } else if (choice < 8) {
                    Booking moving = new ArrayList<>(current.values()).get(random.nextInt(current.size()));
                    Booking moved = booking(new Entry(moving.key(), moving.entry().title(), randomSlot(random)), moving.calendarId(),
                            moving.role());
                    hold(profile.id(), moved, versions.merge(moving.key(), 1L, Long::sum));
                    current.put(moving.key(), moved);
                } else if (choice < 9) {
                    Booking leaving = new ArrayList<>(current.values()).get(random.nextInt(current.size()));
                    commit(state.trackers().resources().booked(new BookingChange(profile.id(), leaving, true,
                            versions.merge(leaving.key(), 1L, Long::sum), "item left")));
                    current.remove(leaving.key());
                } else if (choice < 11) {
                    TimeRange free = randomSlot(random);
                    if (ranges.stream().noneMatch(range -> range.overlaps(free.start(), free.end()))) {
                        UnavailableRange range = new UnavailableRange(free.start(), free.end(), "reason " + step);
                        commit(state.trackers().resources().markedUnavailable(profile.id(), range, ++resourceVersion));
                        ranges.add(range);
                    }
                } else {
                    TimeRange freed = randomSlot(random);
                    commit(state.trackers().resources().markedAvailable(profile.id(), freed, ++resourceVersion));
                    List<UnavailableRange> left = new ArrayList<>();
                    ranges.forEach(range -> left.addAll(range.without(freed.start(), freed.end())));
                    ranges.clear();
                    ranges.addAll(left);
                }
                assertThat(state.conflicts().active(profile.id())).extracting(StoredConflict::lastDetected)
                        .as("round %d step %d", round, step)
                        .containsExactlyInAnyOrderElementsOf(expected(profile, current, ranges));
            }
        }
        Map<ConflictId, List<Long>> versionsByConflict = new HashMap<>();
        published.forEach(change -> versionsByConflict.computeIfAbsent(change.conflictId(), id -> new ArrayList<>())
                .add(change.version()));
        versionsByConflict.forEach((id, versions) -> assertThat(versions).as(id.value())
                .isEqualTo(LongStream.range(0, versions.size()).boxed().toList()));
        assertThat(published).filteredOn(ConflictChange.Clearance.class::isInstance).isNotEmpty();
        assertThat(published).extracting(change -> change.event() instanceof ConflictDetected detected ? detected.type() : null)
                .contains(ConflictType.RESOURCE_UNAVAILABLE, ConflictType.VENUE_CONFLICT);
    }

    /**
     * Detection over the whole resource, as the tracker must agree with. The first detection of a
     * conflict names the calendar of its first booking, and the conflict keeps that calendar.
     */
    private List<ConflictDetected> expected(ResourceProfile profile, Map<EntryKey, Booking> current, List<UnavailableRange> ranges) {
        List<ConflictDetected> expected = new ArrayList<>();
        for (Breach breach : profile.doubleBookings(current.values())) {
            expected.add(keepingCalendar(profile.describe(breach, current)));
        }
        current.values().forEach(booking -> profile.unavailability(booking, ranges).map(this::keepingCalendar).ifPresent(expected::add));
        return expected;
    }

    private ConflictDetected keepingCalendar(ConflictDetected now) {
        return state.conflicts().find(now.conflictId())
                .map(stored -> new ConflictDetected(now.conflictId(), stored.lastDetected().calendarId(), now.type(), now.level(),
                        now.start(), now.end(), now.capacity(), now.peakConcurrency(), now.entries(), now.resourceId(),
                        now.resourceType(), now.bookings()))
                .orElse(now);
    }

    private static TimeRange randomSlot(Random random) {
        Instant start = at("06:00").plus(Duration.ofMinutes(15L * random.nextInt(48)));
        return new TimeRange(start, start.plus(Duration.ofMinutes(15L * (1 + random.nextInt(12)))));
    }

    private static Booking booking(Entry entry, CalendarId calendarId, ResourceRole role) {
        return new Booking(entry, calendarId, role);
    }

    private List<ConflictChange> resource(ResourceId id, ResourceType type) {
        return commit(state.trackers().resources().resourceCreated(new ResourceProfile(id, type), 0));
    }

    private List<ConflictChange> hold(ResourceId id, Booking booking, long version) {
        return commit(state.trackers().resources().booked(new BookingChange(id, booking, false, version, "a booking")));
    }

    private List<ConflictChange> unavailable(ResourceId id, String from, String to, String reason, long version) {
        return commit(state.trackers().resources().markedUnavailable(id, new UnavailableRange(at(from), at(to), reason), version));
    }

    private List<ConflictChange> available(ResourceId id, String from, String to, long version) {
        return commit(state.trackers().resources().markedAvailable(id, slot(from, to), version));
    }

    private List<ConflictChange> commit(List<ConflictChange> changes) {
        Escalations.startClocks(state.conflicts(), changes, at("09:00"));
        state.commit();
        published.addAll(changes);
        return changes;
    }

    /** Ids as conflict-detector derives them, written out so that the test does not take them from the code it checks. */
    private static final class CapacityBreachesIds {

        static ConflictId doubleBooking(ResourceId resource, String... tokens) {
            String[] parts = new String[tokens.length + 2];
            parts[0] = "resource-conflict";
            parts[1] = resource.value();
            System.arraycopy(tokens, 0, parts, 2, tokens.length);
            return ConflictId.of(dev.almanac.events.Identifiers.derive(parts));
        }
    }
}
