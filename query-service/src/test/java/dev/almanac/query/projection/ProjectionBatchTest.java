package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.EventSamples;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.RandomSchedule;
import dev.almanac.query.support.Received;
import dev.almanac.query.window.WindowDays;
import dev.almanac.query.window.WindowRevisions;

/** Batches stay correct without transactions: across crashes between their writes, and with writers racing each other. */
class ProjectionBatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The entity document is written last. A crash after the day and window documents were written
     * leaves the entry at its old version, so the redelivered batch applies again; the day changes
     * are newest-wins and the window day is recomputed, so the second run lands on the same state.
     */
    @Test
    void aCrashAfterTheDerivedWritesHealsWhenTheBatchIsDeliveredAgain() {
        MongoDatabase database = indexed("crash_between_writes");
        Projections projections = new Projections(database, TIMEOUT);
        ReceivedEvent scheduled = Received.of(EventSamples.itemScheduled(), 0);
        ReceivedEvent moved = Received.of(EventSamples.itemRescheduled(), 1);
        projections.apply(scheduled).block(TIMEOUT);
        Document entryBeforeTheMove = Mongo.document(database, Entries.COLLECTION, EventSamples.REVIEW.value());
        String oldWindowDay = "2026-12-01";
        Document windowBeforeTheMove = Mongo.document(database, WindowDays.COLLECTION, oldWindowDay);
        projections.apply(moved).block(TIMEOUT);
        List<List<Document>> complete = Mongo.readModelsWithoutLocks(database);

        // As if the process died after writing the day documents: the entry and one window day never got the move.
        restore(database, Entries.COLLECTION, entryBeforeTheMove);
        restore(database, WindowDays.COLLECTION, windowBeforeTheMove);
        assertThat(Mongo.readModelsWithoutLocks(database)).isNotEqualTo(complete);

        assertThat(projections.apply(moved).block(TIMEOUT)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(Mongo.readModelsWithoutLocks(database)).isEqualTo(complete);
    }

    /**
     * A crash after the days were written and before their windows got new revisions leaves the entry old, so the
     * redelivered batch plans the same days, finds them written, and still gives all calendars and the item's
     * calendar new revisions: a kept window checked by its scope's revision alone would otherwise miss the move.
     */
    @Test
    void aCrashBeforeTheWindowsRevisionsGivesThemWhenTheBatchIsDeliveredAgain() {
        MongoDatabase database = indexed("crash_before_revisions");
        Projections projections = new Projections(database, TIMEOUT);
        projections.apply(Received.of(EventSamples.itemScheduled(), 0)).block(TIMEOUT);
        Document entryBeforeTheMove = Mongo.document(database, Entries.COLLECTION, EventSamples.REVIEW.value());
        List<Document> revisionsBeforeTheMove = Mongo.all(database, WindowRevisions.COLLECTION);
        ReceivedEvent moved = Received.of(EventSamples.itemRescheduled(), 1);
        projections.apply(moved).block(TIMEOUT);
        List<List<Document>> complete = Mongo.readModelsWithoutLocks(database);

        // As if the process died after writing the days and window days: neither the revisions nor the entry changed.
        restore(database, Entries.COLLECTION, entryBeforeTheMove);
        revisionsBeforeTheMove.forEach(revision -> Mono.from(database.getCollection(WindowRevisions.COLLECTION)
                .replaceOne(Filters.eq("_id", revision.getString("_id")), revision)).block(TIMEOUT));
        assertThat(Mongo.all(database, WindowRevisions.COLLECTION)).isEqualTo(revisionsBeforeTheMove);

        assertThat(projections.apply(moved).block(TIMEOUT)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(Mongo.readModelsWithoutLocks(database)).isEqualTo(complete);
        assertThat(revisionsBeforeTheMove).extracting(revision -> revision.getString("_id"))
                .containsExactly("*", EventSamples.itemScheduled().calendarId().value());
        for (Document before : revisionsBeforeTheMove) {
            assertThat(Mongo.document(database, WindowRevisions.COLLECTION, before.getString("_id")).getString(Locks.FIELD))
                    .as("the revision of %s", before.getString("_id")).isNotEqualTo(before.getString(Locks.FIELD));
        }
    }

    /**
     * Two replicas apply the same records at the same time, as when a partition moved but the old
     * owner is still writing. Compare-and-set losses are retried, and every document ends as one
     * writer alone would leave it.
     */
    @Test
    void twoWritersApplyingTheSameRecordsAtOnceLeaveWhatOneWriterWould() throws Exception {
        RandomSchedule schedule = RandomSchedule.generate(99L, List.of("cal-a", "cal-b", "cal-c"),
                java.time.Instant.parse("2026-06-01T00:00:00Z"), Duration.ofDays(3), 300);
        MongoDatabase alone = indexed("one_writer");
        Projections single = new Projections(alone, TIMEOUT);
        schedule.batches(25).forEach(batch -> single.apply(batch).block(TIMEOUT));

        MongoDatabase shared = indexed("two_writers");
        List<List<ReceivedEvent>> batches = schedule.batches(25);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> applyAll(new Projections(shared, TIMEOUT), batches));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> applyAll(new Projections(shared, TIMEOUT), batches));
        CompletableFuture.allOf(first, second).get(2, TimeUnit.MINUTES);

        assertThat(Mongo.readModelsWithoutLocks(shared)).isEqualTo(Mongo.readModelsWithoutLocks(alone));
    }

    /** Writers on different calendars share each day's window document; neither loses the other's summary. */
    @Test
    void writersOfDifferentCalendarsBothLandInTheSharedWindowDays() throws Exception {
        RandomSchedule a = RandomSchedule.generate(1L, List.of("cal-a"), java.time.Instant.parse("2026-07-01T00:00:00Z"), Duration.ofDays(2), 200);
        RandomSchedule b = RandomSchedule.generate(2L, List.of("cal-b"), java.time.Instant.parse("2026-07-01T00:00:00Z"), Duration.ofDays(2), 200);
        MongoDatabase alone = indexed("calendars_one_by_one");
        Projections single = new Projections(alone, TIMEOUT);
        a.batches(20).forEach(batch -> single.apply(prefixed(batch)).block(TIMEOUT));
        b.batches(20).forEach(batch -> single.apply(batch).block(TIMEOUT));

        MongoDatabase shared = indexed("calendars_at_once");
        List<List<ReceivedEvent>> batchesOfA = new ArrayList<>();
        a.batches(20).forEach(batch -> batchesOfA.add(prefixed(batch)));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> applyAll(new Projections(shared, TIMEOUT), batchesOfA));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> applyAll(new Projections(shared, TIMEOUT), b.batches(20)));
        CompletableFuture.allOf(first, second).get(2, TimeUnit.MINUTES);

        assertThat(Mongo.all(shared, WindowDays.COLLECTION)).isNotEmpty();
        assertThat(Mongo.readModelsWithoutLocks(shared)).isEqualTo(Mongo.readModelsWithoutLocks(alone));
        assertThat(Mongo.all(shared, CalendarDays.COLLECTION)).extracting(document -> document.getString("calendar_id"))
                .contains("cal-a", "cal-b");
    }

    /** The two schedules number their entries alike; calendar a's get other ids so both sets survive. */
    private static List<ReceivedEvent> prefixed(List<ReceivedEvent> batch) {
        return batch.stream().map(ProjectionBatchTest::renamed).toList();
    }

    private static ReceivedEvent renamed(ReceivedEvent received) {
        if (received.event() instanceof dev.almanac.events.schedule.ItemScheduled item) {
            return Received.of(new dev.almanac.events.schedule.ItemScheduled(dev.almanac.events.schedule.ItemId.of("a-" + item.itemId().value()),
                    item.calendarId(), item.title(), item.type(), item.start(), item.end(), item.timezone(), item.priority(),
                    item.tags()), received.version());
        }
        if (received.event() instanceof dev.almanac.events.schedule.ItemRescheduled moved) {
            return Received.of(new dev.almanac.events.schedule.ItemRescheduled(dev.almanac.events.schedule.ItemId.of("a-" + moved.itemId().value()),
                    moved.calendarId(), moved.previousStart(), moved.previousEnd(), moved.start(), moved.end(), moved.reason()),
                    received.version());
        }
        return received;
    }

    private static void applyAll(Projections projections, List<List<ReceivedEvent>> batches) {
        batches.forEach(batch -> projections.apply(batch).block(TIMEOUT));
    }

    private static MongoDatabase indexed(String name) {
        MongoDatabase database = InMemoryMongo.freshDatabase(name);
        new ReadModelIndexes(database, Mongo.READ_MODELS.stream()
                .<dev.almanac.query.readmodel.ReadModel>map(collection -> () -> List.of(collection)).toList()).ensureAll();
        return database;
    }

    /** Puts the document back as it was, under a lock token of its own so the unique index accepts it. */
    private static void restore(MongoDatabase database, String collection, Document before) {
        Document restored = new Document(before);
        restored.put(Locks.FIELD, Locks.token(before.getString("_id"), 1000));
        Mono.from(database.getCollection(collection).replaceOne(Filters.eq("_id", before.getString("_id")), restored)).block(TIMEOUT);
    }
}
