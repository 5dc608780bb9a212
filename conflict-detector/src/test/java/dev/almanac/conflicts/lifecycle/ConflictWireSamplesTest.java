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
import dev.almanac.events.conflict.ConflictDetected;
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
                List.of(new StoredConflict(detection, ConflictStatus.ACTIVE, 0)));
        assertThat(cleared).singleElement().isInstanceOf(ConflictChange.Clearance.class);

        for (ConflictChange change : List.of(detected.get(0), cleared.get(0))) {
            WireSamples.assertProducerMatchesSample(codec.toRecord(ConflictEventMetadata.of(change, CAUSE), change.event()));
        }
    }

    private static Entry entry(EntryKey key, String title, String start, String end) {
        return new Entry(key, title, new TimeRange(Instant.parse(start), Instant.parse(end)));
    }
}
