package dev.almanac.query.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** The gauge SREs alert on: conflicts open now by level, detected or escalated, not those that ended. */
@QueryApiTest
class OpenConflictsGaugeTest extends ReadModelApiTest {

    private static final CalendarId HALLS = CalendarId.of("cal-gauge-halls");
    private static final Instant DECIDED = Instant.parse("2026-11-20T09:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsDetectedAndEscalatedConflictsByLevelAndNotThoseClearedResolvedOrDismissed() {
        // Other test classes' conflicts share the store: what this test adds and ends must move each count by exactly its own.
        OpenConflictsGauge gauge = new OpenConflictsGauge(database, registry, Duration.ofMinutes(1));
        Map<ConflictLevel, Long> before = gauge.count().block(Duration.ofSeconds(10));

        readModels.given(new CalendarCreated(HALLS, "Halls", CalendarType.VENUE, ZoneOffset.UTC, 1, OverbookingPolicy.ALLOW, null, null, null),
                detected("g-minor-1", ConflictLevel.MINOR, 1), detected("g-minor-2", ConflictLevel.MINOR, 2),
                detected("g-critical", ConflictLevel.CRITICAL, 3),
                detected("g-escalated", ConflictLevel.SEVERE, 4),
                new ConflictEscalated(ConflictId.of("g-escalated"), HALLS, "board", "needs the board", "mia", DECIDED, false),
                detected("g-cleared", ConflictLevel.CRITICAL, 5),
                new ConflictCleared(ConflictId.of("g-cleared"), HALLS, "entries no longer overlap"),
                detected("g-resolved", ConflictLevel.MODERATE, 6),
                new ConflictResolved(ConflictId.of("g-resolved"), HALLS, ResolutionMethod.RESCHEDULED, "mia", null, DECIDED),
                detected("g-dismissed", ConflictLevel.MINOR, 7),
                new ConflictDismissed(ConflictId.of("g-dismissed"), HALLS, "mia", "on purpose", DECIDED));
        gauge.count().block(Duration.ofSeconds(10));

        assertThat(open("minor")).isEqualTo(before.get(ConflictLevel.MINOR) + 2.0);
        assertThat(open("moderate")).isEqualTo(before.get(ConflictLevel.MODERATE) + 0.0);
        assertThat(open("severe")).isEqualTo(before.get(ConflictLevel.SEVERE) + 1.0);
        assertThat(open("critical")).isEqualTo(before.get(ConflictLevel.CRITICAL) + 1.0);

        readModels.given(new ConflictResolved(ConflictId.of("g-minor-1"), HALLS, ResolutionMethod.RESCHEDULED, "mia", null, DECIDED));
        gauge.count().block(Duration.ofSeconds(10));
        assertThat(open("minor")).isEqualTo(before.get(ConflictLevel.MINOR) + 1.0);
    }

    private double open(String level) {
        return registry.get(OpenConflictsGauge.GAUGE).tag("level", level).gauge().value();
    }

    private static ConflictDetected detected(String id, ConflictLevel level, int day) {
        Instant start = Instant.parse("2026-12-%02dT10:00:00Z".formatted(day));
        Instant end = start.plusSeconds(3600);
        return new ConflictDetected(ConflictId.of(id), HALLS, ConflictType.TIME_OVERLAP, level, start, end, 1, 2,
                List.of(new ConflictingEntry(ConflictEntryKind.ITEM, id + "-x", "Talk", start, end),
                        new ConflictingEntry(ConflictEntryKind.ITEM, id + "-y", "Board", start, end)));
    }
}
