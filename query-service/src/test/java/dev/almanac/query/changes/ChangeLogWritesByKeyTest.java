package dev.almanac.query.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.testing.CountingMemoryBackend;
import dev.almanac.query.audit.AuditTrail;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.projection.RecordPosition;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The change log and the audit trail are written beside every projected batch, so each of their writes must be a key
 * lookup, as the entities' own are: a write that walks its collection costs as much as the collection holds, and a
 * rebuild of the read models slows with every record it has already applied.
 */
class ChangeLogWritesByKeyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2027-01-04T08:00:00Z");
    private static final List<String> FOLLOWERS_COLLECTIONS = List.of(ChangeLog.LOG, ChangeLog.LATEST, ChangeLog.HEADS, "audit_records");

    private final CountingMemoryBackend backend = new CountingMemoryBackend();
    private final MongoServer server = new MongoServer(backend);
    private final MongoClient client;
    private final MongoDatabase database;
    private final ChangeLog changeLog;
    private final Projections projections;
    private long offset;

    ChangeLogWritesByKeyTest() {
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("feed");
        changeLog = new ChangeLog(database, TIMEOUT);
        List<ReadModel> readModels = Stream.concat(Mongo.READ_MODELS.stream().<ReadModel>map(collection -> () -> List.of(collection)),
                Stream.of(changeLog)).toList();
        new ReadModelIndexes(database, readModels).ensureAll();
        projections = new Projections(database, TIMEOUT, List.of(changeLog, new AuditTrail(database, TIMEOUT)));
    }

    @AfterEach
    void stopTheServer() {
        projections.destroy();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aBatchWritesTheFeedAndTheAuditTrailByKeyWhateverTheyAlreadyHold() {
        List<AlmanacEvent> earlier = new ArrayList<>();
        earlier.add(ReadModelFixture.calendar("cal-k", ZoneId.of("Asia/Kathmandu")));
        for (int i = 0; i < 3_000; i++) {
            earlier.add(item(i));
        }
        apply(earlier);
        backend.counts().reset();

        List<AlmanacEvent> batch = new ArrayList<>();
        for (int i = 3_000; i < 3_200; i++) {
            batch.add(item(i));
        }
        batch.add(moved(7));
        apply(batch);

        for (String collection : FOLLOWERS_COLLECTIONS) {
            assertThat(backend.counts().scans("feed", collection)).as("the batch scanned %s", collection).isZero();
        }
        assertThat(backend.counts().lookups("feed", ChangeLog.LATEST)).isPositive();
        Document newest = Mongo.document(database, ChangeLog.LATEST, "item:item-7");
        assertThat(newest.getLong("version")).isEqualTo(1L);
        assertThat(newest.getString("change")).isEqualTo("changed");
        assertThat(Mongo.document(database, ChangeLog.LATEST, "item:item-3199").getLong("version")).isZero();
    }

    private static AlmanacEvent item(int i) {
        return ReadModelFixture.item("item-" + i, "cal-k", "meeting", START.plus(Duration.ofMinutes(30L * i)), Duration.ofMinutes(25));
    }

    private static AlmanacEvent moved(int i) {
        Instant start = START.plus(Duration.ofMinutes(30L * i));
        return new ItemRescheduled(ItemId.of("item-" + i), CalendarId.of("cal-k"), start, start.plus(Duration.ofMinutes(25)),
                start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(25)), "moved");
    }

    /** The events as records of partition 0 of their topics, in batches of 500 as the listener would hand them over. */
    private void apply(List<AlmanacEvent> events) {
        List<DecidedEvent> decided = new ArrayList<>();
        for (AlmanacEvent event : events) {
            long version = event instanceof ItemRescheduled ? 1 : 0;
            decided.add(projections.decide(Received.of(event, version),
                    new RecordPosition(EventCatalog.of(event).topic(), 0, offset++)));
            if (decided.size() == 500) {
                projections.applyNow(decided);
                decided = new ArrayList<>();
            }
        }
        projections.applyNow(decided);
    }
}
