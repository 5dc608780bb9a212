package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventCatalog;
import dev.almanac.events.EventSamples;
import dev.almanac.events.EventType;
import dev.almanac.events.Topics;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.readmodel.ReadModelWrite;
import dev.almanac.query.readmodel.ReadModelWriter;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

class ProjectionsTest {

    private static final List<String> COLLECTIONS =
            List.of(Calendars.COLLECTION, Entries.COLLECTION, Rules.COLLECTION, Conflicts.COLLECTION);

    /** The catalogue walk: every projector decides every type of its topics, read from the wire samples. */
    @Test
    void everyProjectorDecidesEveryTypeOfItsTopics() {
        for (EventDecider<List<ReadModelWrite>> projector : Projections.projectors()) {
            ConsumerContract.assertDecidesEveryType(projector);
        }
    }

    @Test
    void everyWireSampleOnAFollowedTopicChangesAReadModel() {
        Projections projections = new Projections(new ReadModelWriter(InMemoryMongo.freshDatabase("catalogue")));

        for (EventType type : EventCatalog.all()) {
            if (List.of(Projections.topics()).contains(type.topic())) {
                assertThat(apply(projections, WireSamples.received(type))).as(type.ceType()).isEqualTo(ProjectionOutcome.APPLIED);
            }
        }
        assertThat(Projections.topics()).containsExactly(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES,
                Topics.OCCURRENCES, Topics.CONFLICTS);
    }

    @Test
    void everyProjectorThatHandlesAnEventSeesIt() {
        ReceivedEvent scheduled = WireSamples.received(ItemScheduled.class);
        Projections projections = new Projections(new ReadModelWriter(InMemoryMongo.freshDatabase("fan-out")));

        long handling = Projections.projectors().stream()
                .filter(projector -> projector.reads(Topics.SCHEDULE))
                .filter(projector -> projector.decide(scheduled) instanceof Decision.Handle<?>)
                .count();

        assertThat(projections.writesFor(scheduled)).hasSize((int) handling);
    }

    @Test
    void replayingEveryEventAgainLeavesTheReadModelsAsTheyWere() {
        MongoDatabase database = InMemoryMongo.freshDatabase("replay");
        Projections projections = new Projections(new ReadModelWriter(database));
        List<ReceivedEvent> history = history();
        history.forEach(event -> assertThat(apply(projections, event)).isEqualTo(ProjectionOutcome.APPLIED));
        List<List<Document>> live = snapshot(database);

        history.forEach(event -> assertThat(apply(projections, event)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED));

        assertThat(snapshot(database)).isEqualTo(live);
    }

    @Test
    void aRebuiltReadModelEqualsTheLiveOneEvenWithDuplicatesInTheStream() {
        MongoDatabase live = InMemoryMongo.freshDatabase("live");
        MongoDatabase rebuilt = InMemoryMongo.freshDatabase("rebuilt");
        List<ReceivedEvent> history = history();
        history.forEach(event -> apply(new Projections(new ReadModelWriter(live)), event));

        List<ReceivedEvent> withDuplicates = new ArrayList<>();
        history.forEach(event -> {
            withDuplicates.add(event);
            withDuplicates.add(event);
        });
        withDuplicates.forEach(event -> apply(new Projections(new ReadModelWriter(rebuilt)), event));

        assertThat(snapshot(rebuilt)).isEqualTo(snapshot(live));
    }

    /** Every sample, each entity's events at increasing versions, as they would arrive on their partitions. */
    private static List<ReceivedEvent> history() {
        List<ReceivedEvent> history = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (AlmanacEvent event : EventSamples.all()) {
            long version = subjects.stream().filter(event.subject()::equals).count();
            subjects.add(event.subject());
            history.add(Received.of(event, version, Received.TIME.plusSeconds(60L * history.size())));
        }
        return history;
    }

    private static ProjectionOutcome apply(Projections projections, ReceivedEvent event) {
        return projections.apply(event).block(Duration.ofSeconds(5));
    }

    private static List<List<Document>> snapshot(MongoDatabase database) {
        return COLLECTIONS.stream().map(collection -> Mongo.all(database, collection)).toList();
    }
}
