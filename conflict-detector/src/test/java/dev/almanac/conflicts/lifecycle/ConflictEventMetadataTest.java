package dev.almanac.conflicts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.envelope.EventMetadata;

class ConflictEventMetadataTest {

    private static final EventMetadata CAUSE = new EventMetadata("evt-42", "dev.almanac.schedule.ItemScheduled.v1",
            "/almanac/command-service", Instant.parse("2026-11-21T10:00:00Z"), "item-gala", 3, "planner@example.com",
            "corr-7", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @Test
    void aDetectionIsDescribedByItsConflictAndTheFactThatCausedIt() {
        var change = new ConflictChange.Detection(EventSamples.conflictDetected(), 0);

        EventMetadata metadata = ConflictEventMetadata.of(change, CAUSE);

        String conflictId = EventSamples.conflictDetected().conflictId().value();
        assertThat(metadata).isEqualTo(new EventMetadata(
                Identifiers.derive("conflict-event", conflictId, "0"),
                "dev.almanac.conflict.ConflictDetected.v1",
                "/almanac/conflict-detector",
                CAUSE.time(),
                conflictId,
                0,
                "planner@example.com",
                "corr-7",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @Test
    void aClearanceCarriesItsOwnTypeAndVersion() {
        var change = new ConflictChange.Clearance(EventSamples.conflictCleared(), 1);

        EventMetadata metadata = ConflictEventMetadata.of(change, CAUSE);

        assertThat(metadata.type()).isEqualTo("dev.almanac.conflict.ConflictCleared.v1");
        assertThat(metadata.aggregateVersion()).isEqualTo(1);
        assertThat(metadata.id()).isEqualTo(Identifiers.derive("conflict-event", change.conflictId().value(), "1"));
    }

    @Test
    void theSameChangeFromTheSameFactHasTheSameEnvelopeEveryTime() {
        var change = new ConflictChange.Detection(EventSamples.conflictDetected(), 5);

        assertThat(ConflictEventMetadata.of(change, CAUSE)).isEqualTo(ConflictEventMetadata.of(change, CAUSE));
    }

    @Test
    void aCauseWithoutTraceContextGivesNone() {
        EventMetadata untraced = new EventMetadata(CAUSE.id(), CAUSE.type(), CAUSE.source(), CAUSE.time(), CAUSE.subject(),
                CAUSE.aggregateVersion(), CAUSE.actor(), CAUSE.correlationId(), null);

        assertThat(ConflictEventMetadata.of(new ConflictChange.Detection(EventSamples.conflictDetected(), 0), untraced)
                .traceparent()).isNull();
    }
}
