package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static dev.almanac.conflicts.testing.Entries.occurrence;
import static dev.almanac.conflicts.testing.Entries.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.conflicts.testing.RecordingPublisher;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.testing.InMemoryMongo;

/** The whole lifecycle against mongo-java-server, with a publisher that keeps what it was given. */
class ConflictTrackerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final Instant FIRST_FACT = Instant.parse("2026-11-21T10:00:00Z");

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ConflictStore conflicts;
    private ConflictTracker tracker;
    private int facts;

    @BeforeEach
    void freshStores() {
        MongoDatabase database = InMemoryMongo.freshDatabase();
        conflicts = new ConflictStore(database);
        tracker = new ConflictTracker(new CalendarStore(database), new EntryStore(database), conflicts, publisher,
                new ConflictMetrics(registry));
    }

    @Test
    void twoOverlappingItemsOnAVenueOfCapacityOneAreOneCriticalConflict() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        Entry review = item("review", "15:00", "16:00");
        Entry gala = item("gala", "15:30", "18:00");

        place(review, 0);
        EventMetadata cause = place(gala, 0);

        assertThat(publisher.published()).singleElement().satisfies(published -> {
            ConflictDetected detected = (ConflictDetected) published.event();
            assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(detected.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(new TimeRange(detected.start(), detected.end())).isEqualTo(slot("15:30", "16:00"));
            assertThat(detected.entries()).extracting(entry -> entry.entryId()).containsExactly("gala", "review");
            assertThat(published.metadata().aggregateVersion()).isZero();
            assertThat(published.metadata().time()).isEqualTo(cause.time());
            assertThat(published.metadata().correlationId()).isEqualTo(cause.correlationId());
        });
        assertThat(activeConflicts(BALLROOM)).singleElement().satisfies(stored -> {
            assertThat(stored.version()).isZero();
            assertThat(stored.lastDetected()).isEqualTo(publisher.events().get(0));
        });
    }

    @Test
    void movingAnItemAwayClearsTheConflict() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        ConflictId conflict = activeConflicts(BALLROOM).get(0).id();

        move("gala", slot("15:30", "18:00"), slot("16:00", "18:30"), 1);

        assertThat(publisher.published()).hasSize(2).last().satisfies(published -> {
            assertThat(published.event()).isEqualTo(new ConflictCleared(conflict, BALLROOM, "entries no longer overlap"));
            assertThat(published.metadata().aggregateVersion()).isEqualTo(1);
        });
        assertThat(activeConflicts(BALLROOM)).isEmpty();
        assertThat(conflicts.withIds(List.of(conflict)).collectList().block(TIMEOUT)).singleElement()
                .satisfies(stored -> {
                    assertThat(stored.status()).isEqualTo(ConflictStatus.CLEARED);
                    assertThat(stored.version()).isEqualTo(1);
                });
    }

    @Test
    void movingAnItemWithinTheOverlapRedetectsTheConflictWithItsNewWindow() {
        calendar(BALLROOM, CalendarType.STAFF, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);

        move("review", slot("15:00", "16:00"), slot("16:30", "17:00"), 1);

        assertThat(publisher.events()).hasSize(2);
        ConflictDetected first = (ConflictDetected) publisher.events().get(0);
        ConflictDetected again = (ConflictDetected) publisher.events().get(1);
        assertThat(again.conflictId()).isEqualTo(first.conflictId());
        assertThat(new TimeRange(again.start(), again.end())).isEqualTo(slot("16:30", "17:00"));
        assertThat(publisher.published().get(1).metadata().aggregateVersion()).isEqualTo(1);
        assertThat(activeConflicts(BALLROOM)).singleElement().extracting(StoredConflict::version).isEqualTo(1L);
    }

    @Test
    void aRedeliveredFactPublishesNothingMore() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        Entry gala = item("gala", "15:30", "18:00");
        EventMetadata cause = place(gala, 0);

        tracker.entryPlaced(cause, BALLROOM, gala).block(TIMEOUT);
        tracker.calendarCreated(cause(BALLROOM.value(), 0), calendarCreated(BALLROOM, CalendarType.VENUE, 1)).block(TIMEOUT);

        assertThat(publisher.events()).hasSize(1);
    }

    @Test
    void anOutOfDateFactDoesNotUndoANewerOne() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        move("gala", slot("15:30", "18:00"), slot("16:00", "18:00"), 1);

        place(item("gala", "15:30", "18:00"), 0);

        assertThat(publisher.events()).hasSize(2);
        assertThat(activeConflicts(BALLROOM)).isEmpty();
    }

    @Test
    void entriesThatArriveBeforeTheirCalendarAreCheckedWhenItArrives() {
        place(item("review", "15:00", "16:00"), 0);
        place(occurrence("nightly", "15:45", "16:15"), 0);
        assertThat(publisher.events()).isEmpty();

        calendar(BALLROOM, CalendarType.EQUIPMENT, 1);

        assertThat(publisher.events()).singleElement().isInstanceOfSatisfying(ConflictDetected.class, detected -> {
            assertThat(detected.type()).isEqualTo(ConflictType.EQUIPMENT_CONFLICT);
            assertThat(detected.entries()).extracting(entry -> entry.kind() + ":" + entry.entryId())
                    .containsExactly("ITEM:review", "OCCURRENCE:nightly");
        });
    }

    @Test
    void aCrashBetweenPublishingAndRecordingIsHealedByTheRedelivery() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        Entry gala = item("gala", "15:30", "18:00");
        EventMetadata cause = cause(gala.key().id(), 0);
        publisher.loseTheNextAcknowledgements(1);

        assertThatThrownBy(() -> tracker.entryPlaced(cause, BALLROOM, gala).block(TIMEOUT))
                .hasMessageContaining("acknowledgement lost");
        assertThat(activeConflicts(BALLROOM)).isEmpty();

        tracker.entryPlaced(cause, BALLROOM, gala).block(TIMEOUT);
        tracker.entryPlaced(cause, BALLROOM, gala).block(TIMEOUT);

        assertThat(publisher.published()).hasSize(2);
        assertThat(publisher.published().get(1)).isEqualTo(publisher.published().get(0));
        assertThat(activeConflicts(BALLROOM)).singleElement().extracting(StoredConflict::version).isEqualTo(0L);
    }

    @Test
    void anEntryThatBridgesTwoClashesReplacesThemWithTheLargerOnes() {
        calendar(BALLROOM, CalendarType.MASTER, 1);
        place(item("a", "09:00", "10:00"), 0);
        place(item("b", "09:30", "10:30"), 0);
        place(item("c", "11:00", "12:00"), 0);
        place(item("d", "11:30", "12:30"), 0);
        publisher.forget();

        place(item("e", "10:00", "11:45"), 0);

        assertThat(publisher.events()).filteredOn(ConflictCleared.class::isInstance).hasSize(2);
        assertThat(publisher.events()).filteredOn(ConflictDetected.class::isInstance)
                .extracting(event -> ((ConflictDetected) event).entries().stream().map(entry -> entry.entryId()).toList())
                .containsExactly(List.of("a", "b", "e"), List.of("c", "d", "e"));
        assertThat(activeConflicts(BALLROOM)).hasSize(2);
    }

    @Test
    void publishedConflictsAreCounted() {
        calendar(BALLROOM, CalendarType.VENUE, 1);
        place(item("review", "15:00", "16:00"), 0);
        place(item("gala", "15:30", "18:00"), 0);
        move("gala", slot("15:30", "18:00"), slot("16:00", "18:30"), 1);

        assertThat(registry.counter(ConflictMetrics.DETECTED).count()).isEqualTo(1.0);
        assertThat(registry.counter(ConflictMetrics.CLEARED).count()).isEqualTo(1.0);
    }

    /**
     * Random placements, moves and redeliveries on calendars of capacity 1 to 3: after every
     * fact, the stored active conflicts are exactly those of detection over the whole
     * calendar, and each conflict's events carry consecutive versions from 0.
     */
    @Test
    void afterEveryFactTheActiveConflictsAreThoseOfTheWholeCalendar() {
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            CalendarId calendarId = CalendarId.of("cal-random-" + round);
            CalendarProfile profile = new CalendarProfile(calendarId, CalendarType.MASTER, 1 + round % 3);
            calendar(calendarId, profile.type(), profile.capacity());
            Map<EntryKey, Entry> current = new LinkedHashMap<>();
            Map<EntryKey, Long> versions = new HashMap<>();
            for (int step = 0; step < 30; step++) {
                applyRandomFact(random, calendarId, current, versions);
                List<ConflictDetected> expected = CapacityBreaches.find(calendarId, profile.capacity(), current.values())
                        .stream().map(profile::describe).toList();
                assertThat(activeConflicts(calendarId)).extracting(StoredConflict::lastDetected)
                        .as("round %d step %d: %s", round, step, current.values())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        Map<String, List<Long>> versionsByConflict = new HashMap<>();
        publisher.published().forEach(published -> versionsByConflict
                .computeIfAbsent(published.metadata().subject(), id -> new ArrayList<>())
                .add(published.metadata().aggregateVersion()));
        versionsByConflict.forEach((id, published) -> assertThat(published).as(id)
                .isEqualTo(LongStream.range(0, published.size()).boxed().toList()));
        assertThat(publisher.events()).filteredOn(ConflictCleared.class::isInstance).isNotEmpty();
    }

    private void applyRandomFact(Random random, CalendarId calendarId, Map<EntryKey, Entry> current, Map<EntryKey, Long> versions) {
        int choice = random.nextInt(10);
        if (current.isEmpty() || choice < 4) {
            // Entry ids are global, like item and occurrence ids, so each calendar gets its own.
            String number = calendarId.value() + "-" + current.size();
            Entry entry = random.nextBoolean()
                    ? new Entry(EntryKey.item("i" + number), "Item " + number, randomSlot(random))
                    : new Entry(EntryKey.occurrence("o" + number), "Occurrence " + number, randomSlot(random));
            tracker.entryPlaced(cause(entry.key().id(), 0), calendarId, entry).block(TIMEOUT);
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
            tracker.entryMoved(cause(moving.key().id(), version), calendarId, moving.key(), moving.time(), to).block(TIMEOUT);
            current.put(moving.key(), new Entry(moving.key(), moving.title(), to));
        } else {
            // A duplicate of a placement; for an entry that has moved since, an out-of-date one.
            int before = publisher.published().size();
            Entry again = current.values().iterator().next();
            tracker.entryPlaced(cause(again.key().id(), 0), calendarId, again).block(TIMEOUT);
            assertThat(publisher.published()).as("a duplicate publishes nothing").hasSize(before);
        }
    }

    private static TimeRange randomSlot(Random random) {
        Instant start = slot("06:00", "06:15").start().plus(Duration.ofMinutes(15L * random.nextInt(48)));
        return new TimeRange(start, start.plus(Duration.ofMinutes(15L * (1 + random.nextInt(12)))));
    }

    private void calendar(CalendarId id, CalendarType type, int capacity) {
        tracker.calendarCreated(cause(id.value(), 0), calendarCreated(id, type, capacity)).block(TIMEOUT);
    }

    private static CalendarCreated calendarCreated(CalendarId id, CalendarType type, int capacity) {
        return new CalendarCreated(id, "Calendar " + id, type, EventSamples.NEW_YORK, capacity, OverbookingPolicy.ALLOW);
    }

    private EventMetadata place(Entry entry, long version) {
        EventMetadata cause = cause(entry.key().id(), version);
        tracker.entryPlaced(cause, BALLROOM, entry).block(TIMEOUT);
        return cause;
    }

    private void move(String itemId, TimeRange from, TimeRange to, long version) {
        tracker.entryMoved(cause(itemId, version), BALLROOM, EntryKey.item(itemId), from, to).block(TIMEOUT);
    }

    private EventMetadata cause(String subject, long version) {
        int fact = ++facts;
        return new EventMetadata("fact-" + fact, "dev.almanac.test.Fact.v1", "/almanac/test",
                FIRST_FACT.plusSeconds(60L * fact), subject, version, "planner@example.com", "corr-" + fact, null);
    }

    private List<StoredConflict> activeConflicts(CalendarId calendarId) {
        return conflicts.active(calendarId).collectList().block(TIMEOUT);
    }
}
