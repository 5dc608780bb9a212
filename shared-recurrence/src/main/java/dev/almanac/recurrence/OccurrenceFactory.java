package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import dev.almanac.events.rule.DstResolution;

/**
 * Builds the occurrences of one spec during one expansion: ids are left to be derived when asked
 * for, the jitter hash reuses its digest, the nominal date is made once per day, and an occurrence
 * without jitter or duration shares one instant for its resolved time, start and end. Not thread-safe.
 */
final class OccurrenceFactory {

    private final RecurrenceSpec spec;
    private final DeterministicJitter jitter;
    private final String tzdataVersion;
    private final boolean hasDuration;
    private long day = Long.MIN_VALUE;
    private LocalDate date = LocalDate.EPOCH;

    OccurrenceFactory(RecurrenceSpec spec) {
        this.spec = spec;
        this.jitter = new DeterministicJitter(spec.ruleId(), spec.jitterSeconds());
        this.tzdataVersion = Tzdata.version(spec.zone());
        this.hasDuration = !spec.duration().isZero();
    }

    Occurrence create(long localSecond, long epochSecond, DstResolution resolution) {
        Instant resolved = Instant.ofEpochSecond(epochSecond);
        long jitterSeconds = jitter.seconds(epochSecond);
        Instant start = jitterSeconds == 0 ? resolved : Instant.ofEpochSecond(epochSecond + jitterSeconds);
        Instant end = hasDuration ? start.plus(spec.duration()) : start;
        return new Occurrence(spec.ruleId(), nominal(localSecond), spec.zone(),
                resolved, start, end, resolution, tzdataVersion);
    }

    private LocalDateTime nominal(long localSecond) {
        long epochDay = Math.floorDiv(localSecond, 86_400L);
        if (epochDay != day) {
            day = epochDay;
            date = LocalDate.ofEpochDay(epochDay);
        }
        return LocalDateTime.of(date, LocalTime.ofSecondOfDay(Math.floorMod(localSecond, 86_400L)));
    }
}
