package dev.almanac.query.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
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
    void aDetectedConflictIsActiveWithItsWindowAndEntries() {
        ConflictDetected detected = EventSamples.conflictDetected();

        assertThat(apply(detected, 0, DETECTED)).isEqualTo(ProjectionOutcome.APPLIED);

        Document conflict = conflict();
        assertThat(conflict)
                .containsEntry("status", "active")
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
                .containsEntry("status", "active")
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

        assertThat(conflict()).containsEntry("status", "active").containsEntry("version", 2L);
    }

    private ProjectionOutcome apply(AlmanacEvent event, long version, Instant time) {
        return projections.apply(Received.of(event, version, time)).block(Duration.ofSeconds(5));
    }

    private Document conflict() {
        return Mongo.document(database, Conflicts.COLLECTION, EventSamples.conflictDetected().conflictId().value());
    }
}
