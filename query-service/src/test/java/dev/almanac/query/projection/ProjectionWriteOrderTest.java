package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.embedded.MongoWireServer;
import dev.almanac.events.EventSamples;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;
import dev.almanac.query.window.WindowDays;
import dev.almanac.query.window.WindowRevisions;

/**
 * A batch writes different collections at once, but never out of the order that keeps the read
 * models whole between its writes (ProjectionBatch): the days before the window days and conflict
 * indexes that summarise them, those before the rule index and the windows' revisions, and all of it before the
 * entities. Seen from the driver: when each write command started and when it ended.
 */
class ProjectionWriteOrderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> WRITES = Set.of("insert", "update");

    private final AtomicInteger clock = new AtomicInteger();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final Map<Integer, Write> running = new ConcurrentHashMap<>();
    private MongoWireServer server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = MongoWireServer.start(null, 0);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .addCommandListener(new WriteRecorder())
                .build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aBatchWritesTheDaysThenTheirSummariesThenTheRuleIndexAndTheWindowsRevisionsThenTheEntities() {
        MongoDatabase database = client.getDatabase("write_order");
        new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(collection -> () -> List.of(collection)).toList())
                .ensureAll();
        writes.clear();
        Projections projections = new Projections(database, TIMEOUT);

        projections.apply(List.of(
                Received.of(EventSamples.calendarCreated(), 0),
                Received.of(EventSamples.ruleCreated(), 0),
                Received.of(EventSamples.occurrenceMaterialized(), 0),
                Received.of(EventSamples.itemScheduled(), 0),
                Received.of(EventSamples.conflictDetected(), 0))).block(TIMEOUT);

        assertThat(writes).extracting(Write::collection).contains(CalendarDays.COLLECTION, WindowDays.COLLECTION,
                ConflictLists.DAYS, ConflictLists.INDEX, RuleIndexes.COLLECTION, WindowRevisions.COLLECTION, Entries.COLLECTION, Rules.COLLECTION,
                Conflicts.COLLECTION, Calendars.COLLECTION);
        assertEndedBeforeAnyStarted(Set.of(CalendarDays.COLLECTION), Set.of(WindowDays.COLLECTION));
        assertEndedBeforeAnyStarted(Set.of(ConflictLists.DAYS), Set.of(ConflictLists.INDEX));
        assertEndedBeforeAnyStarted(Set.of(WindowDays.COLLECTION), Set.of(RuleIndexes.COLLECTION));
        assertEndedBeforeAnyStarted(Set.of(CalendarDays.COLLECTION, WindowDays.COLLECTION), Set.of(WindowRevisions.COLLECTION));
        assertEndedBeforeAnyStarted(Set.of(RuleIndexes.COLLECTION, ConflictLists.INDEX, WindowRevisions.COLLECTION),
                Set.of(Entries.COLLECTION, Rules.COLLECTION, Conflicts.COLLECTION, Calendars.COLLECTION));
    }

    private void assertEndedBeforeAnyStarted(Set<String> first, Set<String> then) {
        int lastEnd = writes.stream().filter(write -> first.contains(write.collection())).mapToInt(Write::ended).max().orElseThrow();
        int firstStart = writes.stream().filter(write -> then.contains(write.collection())).mapToInt(Write::started).min().orElseThrow();
        assertThat(lastEnd).as("the last write to %s ends before the first to %s starts: %s", first, then, writes)
                .isLessThan(firstStart);
    }

    /** One write command of the driver, with the ticks of the recorder's clock at which it started and ended. */
    private record Write(String collection, int started, int ended) {
    }

    private final class WriteRecorder implements CommandListener {

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (WRITES.contains(event.getCommandName())) {
                running.put(event.getRequestId(), new Write(event.getCommand().getString(event.getCommandName()).getValue(),
                        clock.incrementAndGet(), -1));
            }
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            ended(event.getRequestId());
        }

        @Override
        public void commandFailed(CommandFailedEvent event) {
            ended(event.getRequestId());
        }

        private void ended(int requestId) {
            Write write = running.remove(requestId);
            if (write != null) {
                writes.add(new Write(write.collection(), write.started(), clock.incrementAndGet()));
            }
        }
    }
}
