package dev.almanac.conflicts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.EventSamples;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.WireSamples;

/** conflict-detector as the producer of almanac.conflicts.v1: its wire samples, made by its own detection code. */
class ConflictWireSamplesTest {

    private static final CalendarProfile BALLROOM = new CalendarProfile(EventSamples.BALLROOM, CalendarType.VENUE, 1);
    /** The gala's scheduling, which caused the clash. */
    private static final EventMetadata CAUSE = new EventMetadata("0b7e4f3c-3d2a-4c8e-9f51-2e6d7a8b9c0d",
            "dev.almanac.schedule.ItemScheduled.v1", "/almanac/command-service", Instant.parse("2026-11-21T10:00:00Z"),
            EventSamples.GALA.value(), 0, "user-123", "5f1c2a9e-7c1d-4c1e-9d2b-3a4f5e6d7c8b",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void putsTheDetectionAndTheClearanceOnTheWire() {
        List<Breach> breaches = CapacityBreaches.find(BALLROOM.id(), BALLROOM.capacity(), List.of(
                entry(EntryKey.item(EventSamples.GALA.value()), "Gala", "2026-12-01T15:30:00Z", "2026-12-01T18:00:00Z"),
                entry(EntryKey.item(EventSamples.REVIEW.value()), "Quarterly review", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z")));
        List<ConflictChange> detected = Reconciliation.reconcile(BALLROOM, breaches, List.of());
        assertThat(detected).singleElement().isInstanceOf(ConflictChange.Detection.class);
        ConflictDetected detection = (ConflictDetected) detected.get(0).event();

        List<ConflictChange> cleared = Reconciliation.reconcile(BALLROOM, List.of(),
                List.of(new StoredConflict(detection, Presence.ACTIVE, 0)));
        assertThat(cleared).singleElement().isInstanceOf(ConflictChange.Clearance.class);

        for (ConflictChange change : List.of(detected.get(0), cleared.get(0))) {
            WireSamples.assertProducerMatchesSample(codec.toRecord(ConflictEventMetadata.of(change, CAUSE), change.event()));
        }
    }

    /** The lifecycle events as the state machine makes them from commands, with the samples' values. */
    @Test
    void putsTheTransitionsOnTheWire() {
        ConflictDetected detected = EventSamples.conflictDetected();
        ConflictEscalated escalation = EventSamples.conflictEscalated();
        ConflictResolved resolution = EventSamples.conflictResolved();
        ConflictDismissed dismissal = EventSamples.conflictDismissed();
        StoredConflict open = new StoredConflict(detected, Presence.ACTIVE, 1);

        ConflictChange escalated = putOnTheWire(open, new ConflictCommand("2b9d6c1e-4f7a-4a3b-9c8d-1e2f3a4b5c6d",
                detected.conflictId().value(), ConflictCommand.Kind.ESCALATE, 1, null, null, escalation.escalatedTo(),
                escalation.reason(), escalation.escalatedBy(), escalation.escalatedAt(), CAUSE.traceparent()));
        ConflictChange resolved = putOnTheWire(open.withStatus(ConflictStatus.ESCALATED, 2), new ConflictCommand(
                "7c4e2a9b-1d3f-4e5a-8b6c-9d0e1f2a3b4c", detected.conflictId().value(), ConflictCommand.Kind.RESOLVE, 2,
                resolution.method(), resolution.note(), null, null, resolution.resolvedBy(), resolution.resolvedAt(), null));
        ConflictChange dismissed = putOnTheWire(new StoredConflict(detected, Presence.ACTIVE, 3), new ConflictCommand(
                "5e8f1a2b-3c4d-4e6f-9a0b-1c2d3e4f5a6b", detected.conflictId().value(), ConflictCommand.Kind.DISMISS, 3, null, null, null, dismissal.reason(),
                dismissal.dismissedBy(), dismissal.dismissedAt(), null));

        assertThat(List.of(escalated.event(), resolved.event(), dismissed.event())).containsExactly(escalation, resolution, dismissal);
    }

    /** Decides the command, checks its event on the wire against the sample, and returns the change. */
    private ConflictChange putOnTheWire(StoredConflict conflict, ConflictCommand command) {
        ConflictChange change = ((ConflictTransitions.Applied) ConflictTransitions.decide(conflict, command)).change();
        WireSamples.assertProducerMatchesSample(codec.toRecord(ConflictEventMetadata.of(change, command), change.event()));
        return change;
    }

    private static Entry entry(EntryKey key, String title, String start, String end) {
        return new Entry(key, title, new TimeRange(Instant.parse(start), Instant.parse(end)));
    }
}
