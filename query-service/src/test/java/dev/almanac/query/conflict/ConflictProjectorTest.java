package dev.almanac.query.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

class ConflictProjectorTest {

    private static final Instant DETECTED = Received.TIME;
    private static final Instant CLEARED = Received.TIME.plusSeconds(600);

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("conflict_projector");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    @Test
    void aDetectedConflictIsDetectedWithItsWindowAndEntries() {
        ConflictDetected detected = EventSamples.conflictDetected();

        assertThat(apply(detected, 0, DETECTED)).isEqualTo(ProjectionOutcome.APPLIED);

        Document conflict = conflict();
        assertThat(conflict)
                .containsEntry("status", "detected")
                .containsEntry("calendar_id", detected.calendarId().value())
                .containsEntry("type", "venue_conflict")
                .containsEntry("level", "critical")
                .containsEntry("start", Date.from(detected.start()))
                .containsEntry("end", Date.from(detected.end()))
                .containsEntry("capacity", detected.capacity())
                .containsEntry("peak_concurrency", detected.peakConcurrency())
                .containsEntry("detected_at", Date.from(DETECTED));
        assertThat(conflict.getList("entries", Document.class))
                .extracting(entry -> entry.getString("entry_id"))
                .containsExactlyElementsOf(detected.entries().stream().map(entry -> entry.entryId()).toList());
    }

    @Test
    void aClearedConflictKeepsItsDetectionAndRecordsWhyItCleared() {
        ConflictCleared cleared = EventSamples.conflictCleared();
        apply(EventSamples.conflictDetected(), 0, DETECTED);

        assertThat(apply(cleared, 1, CLEARED)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(conflict())
                .containsEntry("status", "cleared")
                .containsEntry("cleared_at", Date.from(CLEARED))
                .containsEntry("cleared_reason", cleared.reason())
                .containsEntry("detected_at", Date.from(DETECTED))
                .containsEntry("type", "venue_conflict")
                .containsEntry("version", 1L);
    }

    @Test
    void aNewerDetectionReactivatesAClearedConflict() {
        apply(EventSamples.conflictDetected(), 0, DETECTED);
        apply(EventSamples.conflictCleared(), 1, CLEARED);

        apply(EventSamples.conflictDetected(), 2, CLEARED.plusSeconds(60));

        assertThat(conflict())
                .containsEntry("status", "detected")
                .containsEntry("detected_at", Date.from(DETECTED))
                .containsEntry("version", 2L)
                .doesNotContainKeys("cleared_at", "cleared_reason");
    }

    @Test
    void aLateClearingAfterANewerDetectionChangesNothing() {
        apply(EventSamples.conflictDetected(), 0, DETECTED);
        apply(EventSamples.conflictCleared(), 1, CLEARED);
        apply(EventSamples.conflictDetected(), 2, CLEARED.plusSeconds(60));

        assertThat(apply(EventSamples.conflictCleared(), 1, CLEARED)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);

        assertThat(conflict()).containsEntry("status", "detected").containsEntry("version", 2L);
    }

    @Test
    void anEscalationAndThenAResolutionKeepBothRecords() {
        apply(EventSamples.conflictDetected(), 0, DETECTED);

        apply(EventSamples.conflictEscalated(), 1, DETECTED.plusSeconds(60));
        apply(EventSamples.conflictResolved(), 2, DETECTED.plusSeconds(120));

        Document conflict = conflict();
        assertThat(conflict).containsEntry("status", "resolved").containsEntry("version", 2L);
        assertThat(conflict.get("escalation", Document.class))
                .containsEntry("to", "venue-managers")
                .containsEntry("reason", EventSamples.conflictEscalated().reason())
                .containsEntry("by", "planner@example.com")
                .containsEntry("at", Date.from(EventSamples.conflictEscalated().escalatedAt()))
                .containsEntry("automatic", false);
        assertThat(conflict.get("resolution", Document.class))
                .containsEntry("method", "rescheduled")
                .containsEntry("by", "manager@example.com")
                .containsEntry("note", "Review moved to the next morning")
                .containsEntry("at", Date.from(EventSamples.conflictResolved().resolvedAt()));
    }

    @Test
    void aClearingAfterADismissalKeepsTheDismissalAndTheClashComingBackOpensTheConflictAfresh() {
        apply(EventSamples.conflictDetected(), 0, DETECTED);
        apply(EventSamples.conflictDismissed(), 1, DETECTED.plusSeconds(60));
        apply(EventSamples.conflictDetected(), 2, DETECTED.plusSeconds(90));
        assertThat(conflict()).as("a detection while the clash holds keeps the dismissal").containsEntry("status", "dismissed");

        apply(EventSamples.conflictCleared(), 3, CLEARED);
        assertThat(conflict()).containsEntry("status", "dismissed").containsEntry("cleared_at", Date.from(CLEARED))
                .containsKey("dismissal");

        apply(EventSamples.conflictDetected(), 4, CLEARED.plusSeconds(60));
        assertThat(conflict()).containsEntry("status", "detected").containsEntry("version", 4L)
                .doesNotContainKeys("dismissal", "cleared_at");
    }

    @Test
    void anEscalatedConflictThatClearsIsCleared() {
        apply(EventSamples.conflictDetected(), 0, DETECTED);
        apply(EventSamples.conflictEscalated(), 1, DETECTED.plusSeconds(60));

        apply(EventSamples.conflictCleared(), 2, CLEARED);

        assertThat(conflict()).containsEntry("status", "cleared").containsKey("escalation");
    }

    @Test
    void aConflictStoredBeforeTheLifecycleAsActiveReadsAsDetected() {
        apply(EventSamples.conflictDetected(), 0, DETECTED);
        Mono.from(database.getCollection(Conflicts.COLLECTION).updateOne(
                Filters.eq("_id", EventSamples.conflictDetected().conflictId().value()), Updates.set("status", "active")))
                .block(Duration.ofSeconds(5));

        assertThat(new Conflicts(database).find(EventSamples.conflictDetected().conflictId().value()).block(Duration.ofSeconds(5)))
                .satisfies(conflict -> assertThat(conflict.status()).isEqualTo(ConflictStatus.DETECTED));
        apply(EventSamples.conflictDismissed(), 1, DETECTED.plusSeconds(60));
        assertThat(conflict()).containsEntry("status", "dismissed");
    }

    private ProjectionOutcome apply(AlmanacEvent event, long version, Instant time) {
        return projections.apply(Received.of(event, version, time)).block(Duration.ofSeconds(5));
    }

    private Document conflict() {
        return Mongo.document(database, Conflicts.COLLECTION, EventSamples.conflictDetected().conflictId().value());
    }
}
