package dev.almanac.query.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

class ResourceProjectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("resource_projector");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    @Test
    void projectsACreatedResourceWithWireNamesAndNoUnavailability() {
        ResourceCreated created = EventSamples.resourceCreated();

        assertThat(projections.apply(Received.of(created, 0)).block(TIMEOUT)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(Mongo.document(database, Resources.COLLECTION, "res-projector"))
                .containsEntry("name", "Ceiling projector")
                .containsEntry("type", "equipment")
                .containsEntry("timezone", "America/New_York")
                .containsEntry("description", "4K, ballroom ceiling mount")
                .containsEntry("unavailable", List.of())
                .containsEntry("created_at", Date.from(Received.TIME))
                .containsEntry("version", 0L);
    }

    @Test
    void freeingTheMiddleOfAnUnavailableRangeSplitsItAndKeepsItsReason() {
        projections.apply(Received.of(EventSamples.resourceCreated(), 0)).block(TIMEOUT);
        ResourceMarkedUnavailable repair = EventSamples.resourceMarkedUnavailable();
        ResourceMarkedAvailable loan = EventSamples.resourceMarkedAvailable();

        projections.apply(List.of(Received.of(repair, 1), Received.of(loan, 2))).block(TIMEOUT);

        ResourceView view = new Resources(database).find("res-projector").block(TIMEOUT);
        assertThat(view.unavailable()).containsExactly(
                new UnavailableRange(repair.start(), loan.start(), "Sent for repair"),
                new UnavailableRange(loan.end(), repair.end(), "Sent for repair"));
        assertThat(view.version()).isEqualTo(2);
        assertThat(Mongo.document(database, Resources.COLLECTION, "res-projector").getList("unavailable", Document.class))
                .first().isEqualTo(new Document("start", Date.from(repair.start())).append("end", Date.from(loan.start()))
                        .append("reason", "Sent for repair"));
    }

    @Test
    void rangesAreKeptInOrderOfStartWhateverOrderTheyWereMarkedIn() {
        projections.apply(Received.of(EventSamples.resourceCreated(), 0)).block(TIMEOUT);
        Instant later = Instant.parse("2026-12-20T00:00:00Z");
        projections.apply(Received.of(new ResourceMarkedUnavailable(EventSamples.PROJECTOR, later, later.plusSeconds(3600), null), 1))
                .block(TIMEOUT);
        projections.apply(Received.of(EventSamples.resourceMarkedUnavailable(), 2)).block(TIMEOUT);

        ResourceView view = new Resources(database).find("res-projector").block(TIMEOUT);

        assertThat(view.unavailable()).extracting(UnavailableRange::start)
                .containsExactly(EventSamples.resourceMarkedUnavailable().start(), later);
        assertThat(view.unavailableDuring(later, later.plusSeconds(60))).extracting(UnavailableRange::reason).containsExactly((String) null);
    }

    @Test
    void aRedeliveredMarkingChangesNothing() {
        projections.apply(Received.of(EventSamples.resourceCreated(), 0)).block(TIMEOUT);
        projections.apply(Received.of(EventSamples.resourceMarkedUnavailable(), 1)).block(TIMEOUT);
        projections.apply(Received.of(EventSamples.resourceMarkedAvailable(), 2)).block(TIMEOUT);

        ProjectionOutcome again = projections.apply(Received.of(EventSamples.resourceMarkedUnavailable(), 1)).block(TIMEOUT);

        assertThat(again).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(new Resources(database).find("res-projector").block(TIMEOUT).unavailable()).hasSize(2);
    }

    /** The list of resources is written with the resource; marking its availability lists nothing new and leaves it unwritten. */
    @Test
    void aCreatedResourceIsListedOnceAndItsMarkingsLeaveTheListAsItWas() {
        projections.apply(Received.of(EventSamples.resourceCreated(), 0)).block(TIMEOUT);
        Document listed = Mongo.document(database, ResourceLists.COLLECTION, ResourceList.ALL);

        projections.apply(List.of(Received.of(EventSamples.resourceMarkedUnavailable(), 1), Received.of(EventSamples.resourceMarkedAvailable(), 2),
                Received.of(EventSamples.resourceCreated(), 0))).block(TIMEOUT);

        assertThat(listed.get("r", Document.class)).containsOnlyKeys("res-projector");
        assertThat(listed.get("r", Document.class).get("res-projector", Document.class))
                .isEqualTo(new Document("n", "Ceiling projector").append("t", "equipment").append("z", "America/New_York")
                        .append("d", "4K, ballroom ceiling mount").append("v", 0L));
        assertThat(Mongo.document(database, ResourceLists.COLLECTION, ResourceList.ALL)).isEqualTo(listed);
    }

    @Test
    void aMarkingOfAResourceWhoseCreationWasNeverProjectedIsPoison() {
        assertThatThrownBy(() -> projections.decide(Received.of(EventSamples.resourceMarkedUnavailable(), 1)).changes().get(0)
                .transition().from(null))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("creation was never projected");
    }
}
